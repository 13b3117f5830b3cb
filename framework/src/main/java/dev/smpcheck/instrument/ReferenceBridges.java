package dev.smpcheck.instrument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Bridges for method references whose target needs a schedule point before it ({@code counter::incrementAndGet},
 * {@code map::putIfAbsent}). The JDK spins the class that makes such a call, and that class is never instrumented, so
 * the call would run with no point of its own, fused with whatever step came before it. Instead the reference is
 * pointed at a private static method of the class being rewritten that makes the same call, the way {@code javac}
 * compiles a lambda; that method's body is instrumented like any other and gets the point.
 *
 * <p>Only classes being defined can gain methods; a retransformed class keeps such references as they are (see
 * docs/instrumentation.md).
 */
final class ReferenceBridges {
    private static final String PREFIX = "smpcheck$ref$";

    private final String owner;
    private final Map<String, Handle> bridges = new LinkedHashMap<>();
    private final List<Handle> targets = new ArrayList<>();

    /** @param owner the internal name of the class the bridges are added to */
    ReferenceBridges(String owner) {
        this.owner = owner;
    }

    /**
     * @param target a method reference's implementation handle
     * @return a handle on a static bridge making the same call, or {@code null} when the target's kind cannot be
     *     bridged (constructors, fields, methods of array types)
     */
    Handle bridge(Handle target) {
        String descriptor = switch (target.getTag()) {
            case Opcodes.H_INVOKESTATIC -> target.getDesc();
            case Opcodes.H_INVOKEVIRTUAL, Opcodes.H_INVOKEINTERFACE -> target.getOwner().startsWith("[") ? null
                    : "(L" + target.getOwner() + ";" + target.getDesc().substring(1);
            default -> null;
        };
        if (descriptor == null) {
            return null;
        }
        String key = target.getTag() + " " + target.getOwner() + "." + target.getName() + target.getDesc();
        return bridges.computeIfAbsent(key, k -> {
            targets.add(target);
            return new Handle(Opcodes.H_INVOKESTATIC, owner, PREFIX + (targets.size() - 1), descriptor, false);
        });
    }

    /**
     * Adds the bridges to the class, through {@code cv} so that their bodies are instrumented.
     *
     * @param cv the class visitor whose {@code visitMethod} rewrites method bodies
     */
    void emit(ClassVisitor cv) {
        int i = 0;
        for (Handle bridge : bridges.values()) {
            Handle target = targets.get(i++);
            MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                    bridge.getName(), bridge.getDesc(), null, null);
            mv.visitCode();
            int slot = 0;
            for (Type arg : Type.getArgumentTypes(bridge.getDesc())) {
                mv.visitVarInsn(arg.getOpcode(Opcodes.ILOAD), slot);
                slot += arg.getSize();
            }
            int opcode = switch (target.getTag()) {
                case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
                case Opcodes.H_INVOKEINTERFACE -> Opcodes.INVOKEINTERFACE;
                default -> Opcodes.INVOKEVIRTUAL;
            };
            mv.visitMethodInsn(opcode, target.getOwner(), target.getName(), target.getDesc(), target.isInterface());
            Type returned = Type.getReturnType(bridge.getDesc());
            mv.visitInsn(returned.getOpcode(Opcodes.IRETURN));
            mv.visitMaxs(Math.max(slot, returned.getSize()), slot);
            mv.visitEnd();
        }
    }
}
