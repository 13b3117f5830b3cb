package dev.smpcheck.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Adds one call to a class initialiser, before each of its returns: {@code Hooks.initialized(ThisClass.class)}, which
 * remembers the static fields' values for {@code @SmpTest(resetStatics = true)} ({@link StaticSnapshots}). The rest
 * of {@code <clinit>} is left alone: it runs atomically (see {@link Frames}).
 */
final class InitializerVisitor extends MethodVisitor {
    private final Type owner;

    /** @param classInternalName the class whose initialiser this is */
    InitializerVisitor(MethodVisitor next, String classInternalName) {
        super(Opcodes.ASM9, next);
        this.owner = Type.getObjectType(classInternalName);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode == Opcodes.RETURN) {
            super.visitLdcInsn(owner);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HookMethodVisitor.HOOKS, "initialized",
                    "(Ljava/lang/Class;)V", false);
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(maxStack + 1, maxLocals);
    }
}
