package dev.smpcheck.instrument;

import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Calls of atomic variables, field updaters and {@code VarHandle}s as announced accesses. The location is:
 * <ul>
 *   <li>for an atomic variable ({@code AtomicInteger.get}, {@code AtomicReference.compareAndSet}), the receiver as a
 *       whole;</li>
 *   <li>for a field updater ({@code AtomicIntegerFieldUpdater.incrementAndGet(node)}), the field of the object it is
 *       given, the same location a {@code getfield} of that field announces; the updater's field is known when
 *       instrumented code made it ({@link HandleRecords});</li>
 *   <li>for a {@code VarHandle}, the field of the object, the array element or the static field its coordinates
 *       name ({@link HandleLocations}).</li>
 * </ul>
 * Where the location is not known at run time (an updater made by other code, a {@code VarHandle} on a byte array
 * view), the hook falls back to a point that announces nothing ({@link JvmState#callPoint}).
 *
 * <h2>Reads, writes and compare-and-set</h2>
 * The getters read; every other method writes (perhaps only reads). A compare-and-set that returns whether it
 * succeeded ({@code compareAndSet}, the {@code weakCompareAndSet} forms) is announced as a write before the call, since
 * whether it fails is only known after it, and a reduction that took a failing CAS for a read would not try the
 * orders in which it succeeds. After the call its result tells the spin-loop detection whether it wrote: a CAS that
 * failed wrote nothing, so a loop that retries it on an unchanged location is a spin ({@link JvmState#casDone}).
 *
 * <h2>Code</h2>
 * An atomic variable's call with up to two one-slot arguments or one two-slot argument copies its receiver from under
 * them with {@code dup} forms. Other calls ({@code AtomicLong.compareAndSet}, updaters, {@code VarHandle}s, whose
 * location lies under their values) move their receiver and arguments into an array for the hook and back
 * ({@link PackedCalls}).
 */
final class AtomicAccesses {
    /** The kinds of access a hook announces ({@link AtomicHooks}). */
    static final int READ = 0;
    static final int WRITE = 1;
    /** A write that may fail, with a {@code boolean} result saying whether it wrote. */
    static final int CAS = 2;

    private static final String ATOMIC = "java/util/concurrent/atomic/";
    private static final String VAR_HANDLE = "java/lang/invoke/VarHandle";
    private static final String ATOMIC_HOOKS = Type.getInternalName(AtomicHooks.class);
    private static final String OBJECT = "Ljava/lang/Object;";
    private static final String PACKED = "([Ljava/lang/Object;II)[Ljava/lang/Object;";

    private static final Set<String> READS = Set.of("get", "getPlain", "getOpaque", "getAcquire", "getVolatile",
            "intValue", "longValue", "floatValue", "doubleValue", "sum", "getReference", "getStamp", "isMarked",
            "length", "toString");
    private static final Set<String> CAS_NAMES = Set.of("compareAndSet", "weakCompareAndSet",
            "weakCompareAndSetPlain", "weakCompareAndSetVolatile", "weakCompareAndSetAcquire",
            "weakCompareAndSetRelease");
    private static final Set<String> ACCESS_MODES = Arrays.stream(VarHandle.AccessMode.values())
            .map(VarHandle.AccessMode::methodName).collect(Collectors.toUnmodifiableSet());

    private AtomicAccesses() {}

    /**
     * @param opcode the call's opcode
     * @param owner the internal name of the class the call names
     * @param name the method's name
     * @param descriptor the call's descriptor
     * @return whether {@link #emit} announces the call's location; if not, it gets a point that announces nothing
     */
    static boolean announces(int opcode, String owner, String name, String descriptor) {
        if (opcode != Opcodes.INVOKEVIRTUAL) {
            return false;
        }
        Type[] args = Type.getArgumentTypes(descriptor);
        if (owner.equals(VAR_HANDLE)) {
            int coordinates = args.length - values(name);
            return ACCESS_MODES.contains(name) && coordinates >= 0 && coordinates <= 2;
        }
        // Every method of an updater takes the object whose field it works on first.
        return owner.startsWith(ATOMIC)
                && (!owner.endsWith("FieldUpdater") || args.length > 0 && args[0].getSort() == Type.OBJECT);
    }

    /**
     * Emits a call that {@link #announces} holds for, with its hooks.
     *
     * @param mv receives the code
     * @param site the call's site
     */
    static void emit(MethodVisitor mv, int opcode, String owner, String name, String descriptor, boolean isInterface,
            int site) {
        Type[] args = Type.getArgumentTypes(descriptor);
        int kind = kind(name, descriptor);
        if (owner.equals(VAR_HANDLE)) {
            packed(mv, "varHandle", kind | (args.length - values(name)) << 2, owner, descriptor, site);
        } else if (owner.endsWith("FieldUpdater")) {
            packed(mv, "updater", kind, owner, descriptor, site);
        } else if (slots(args) <= 2) {
            copyReceiver(mv, slots(args));
            String hook = kind == READ ? "atomicRead" : kind == WRITE ? "atomicWrite" : "atomicCas";
            HookMethodVisitor.push(mv, site);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, kind == CAS ? ATOMIC_HOOKS : HookMethodVisitor.HOOKS, hook,
                    "(" + OBJECT + "I)V", false);
        } else {
            packed(mv, "atomic", kind, owner, descriptor, site);
        }
        mv.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        if (kind == CAS) {
            // result -> result, result, site -> result
            mv.visitInsn(Opcodes.DUP);
            HookMethodVisitor.push(mv, site);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, ATOMIC_HOOKS, "casDone", "(ZI)V", false);
        }
    }

    /** The receiver and arguments through an array, past {@code AtomicHooks.<hook>(array, shape, site)}. */
    private static void packed(MethodVisitor mv, String hook, int shape, String owner, String descriptor, int site) {
        Type[] stack = PackedCalls.stack(owner, descriptor);
        PackedCalls.pack(mv, stack);
        HookMethodVisitor.push(mv, shape);
        HookMethodVisitor.push(mv, site);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, ATOMIC_HOOKS, hook, PACKED, false);
        PackedCalls.unpack(mv, stack);
    }

    /** @return {@link #READ}, {@link #WRITE} or {@link #CAS} */
    private static int kind(String name, String descriptor) {
        if (READS.contains(name)) {
            return READ;
        }
        return CAS_NAMES.contains(name) && descriptor.endsWith(")Z") ? CAS : WRITE;
    }

    /** @return how many values (after the coordinates) a {@code VarHandle} access mode takes */
    private static int values(String name) {
        if (READS.contains(name)) {
            return 0;
        }
        return name.startsWith("compareAnd") || name.startsWith("weakCompareAnd") ? 2 : 1;
    }

    private static int slots(Type[] args) {
        int slots = 0;
        for (Type t : args) {
            slots += t.getSize();
        }
        return slots;
    }

    /** Leaves a copy of the receiver on top of the stack, above the call's arguments (0 to 2 slots of them). */
    private static void copyReceiver(MethodVisitor mv, int argumentSlots) {
        switch (argumentSlots) {
            case 0 -> mv.visitInsn(Opcodes.DUP);
            case 1 -> {
                // receiver, a -> receiver, a, receiver, a -> receiver, a, receiver
                mv.visitInsn(Opcodes.DUP2);
                mv.visitInsn(Opcodes.POP);
            }
            default -> {
                // receiver, a, b (or one two-slot value) -> a, b, receiver, a, b -> a, b, receiver -> receiver, a, b,
                // receiver
                mv.visitInsn(Opcodes.DUP2_X1);
                mv.visitInsn(Opcodes.POP2);
                mv.visitInsn(Opcodes.DUP_X2);
            }
        }
    }
}
