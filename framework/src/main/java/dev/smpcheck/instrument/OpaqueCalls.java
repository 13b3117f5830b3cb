package dev.smpcheck.instrument;

import java.util.Set;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Which calls of instrumented code run code that announces nothing: JDK methods, classes the agent leaves alone, and
 * methods a user class inherits from them. Such a call gets a hook before it ({@code Hooks.unannounced}), because the
 * step it runs in was announced as touching one location only (see {@code JvmState}), and the call may touch more: a
 * shared collection, a stream, a field through reflection. Partial-order reduction must then treat the step as
 * touching anything, and a spin loop that calls it is not a pure re-read.
 *
 * <p>Left out, as they touch no shared mutable state: constructors and {@code getClass} of {@code Object}, the
 * methods of {@code String}, the boxes and {@code Math} whose arguments are primitives or strings (values that cannot
 * call back), {@code equals} and {@code compareTo} of those final types, {@code Objects.requireNonNull},
 * {@code Thread.onSpinWait}, lambda creation and string concatenation of primitives and strings. Calls that the runtime
 * replaces or takes a point before ({@link CallRewrites}) never get here. Callbacks from the JDK into instrumented code
 * (a comparator, a {@code forEach} body) need no help: their own hooks see the atomic region and widen the step.
 */
final class OpaqueCalls {
    private static final Set<String> VALUE_TYPES = Set.of("java/lang/String", "java/lang/Integer", "java/lang/Long",
            "java/lang/Short", "java/lang/Byte", "java/lang/Character", "java/lang/Boolean", "java/lang/Float",
            "java/lang/Double", "java/lang/Math", "java/lang/StrictMath");
    private static final String STRING = "java/lang/String";

    private OpaqueCalls() {}

    /**
     * @param opcode the call's opcode
     * @param owner the internal name of the class the call names
     * @param name the method's name
     * @param descriptor the method's descriptor
     * @param facts answers where an inherited method is declared
     * @return whether the call may run code that announces nothing
     */
    static boolean isOpaque(int opcode, String owner, String name, String descriptor, TypeFacts facts) {
        if (owner.startsWith("[")) {
            return name.equals("clone"); // copies every element: reads the whole array
        }
        String binary = owner.replace('/', '.');
        if (SmpAgent.globalScope().includes(binary)) {
            return opcode != Opcodes.INVOKEINTERFACE && facts.inheritsFromOutside(owner, name, descriptor);
        }
        return !pure(owner, name, descriptor);
    }

    /**
     * @param bootstrap the bootstrap method of an {@code invokedynamic}
     * @param descriptor the call site's descriptor
     * @return whether the call site may run code that announces nothing
     */
    static boolean isOpaque(Handle bootstrap, String descriptor) {
        String factory = bootstrap.getOwner();
        if (factory.equals("java/lang/invoke/LambdaMetafactory")) {
            return false; // only captures values in a new object
        }
        return !(factory.equals("java/lang/invoke/StringConcatFactory") && valuesOnly(Type.getArgumentTypes(descriptor)));
    }

    private static boolean pure(String owner, String name, String descriptor) {
        switch (owner) {
            case "java/lang/Object":
                return name.equals("<init>") || name.equals("getClass");
            case "java/lang/Thread":
                return name.equals("onSpinWait");
            case "java/util/Objects":
                return name.equals("requireNonNull") && !descriptor.contains("Supplier");
            default:
                break;
        }
        if (!VALUE_TYPES.contains(owner)) {
            return false;
        }
        if (name.equals("equals") || name.equals("compareTo")) {
            return true; // final JDK classes: they compare fields of values, calling nothing
        }
        return valuesOnly(Type.getArgumentTypes(descriptor));
    }

    private static boolean valuesOnly(Type[] arguments) {
        for (Type t : arguments) {
            if (t.getSort() == Type.ARRAY || t.getSort() == Type.OBJECT && !t.getInternalName().equals(STRING)) {
                return false;
            }
        }
        return true;
    }
}
