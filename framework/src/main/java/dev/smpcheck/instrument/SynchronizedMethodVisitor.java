package dev.smpcheck.instrument;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Makes a {@code synchronized} method's monitor visible to the model.
 *
 * <p>The model must take a monitor <em>before</em> the JVM does: a thread that finds it held must wait in the model,
 * not block in the JVM while the holder is parked at a schedule point. When a class is first loaded the method's
 * {@code ACC_SYNCHRONIZED} flag is therefore cleared (by {@link HookClassVisitor}) and this visitor writes the
 * equivalent of a {@code synchronized (this)} block around the body, whose {@code monitorenter} and {@code monitorexit}
 * then get their hooks from the {@link HookMethodVisitor} downstream.
 *
 * <p>A class retransformed after it was loaded may not change method modifiers, so there the flag stays, the JVM
 * takes the real monitor on entry, and this visitor only tells the model (enter at the start, exit before every
 * return and on the way out of an exception). A thread must then never stop at a schedule point inside such a method
 * (another thread calling it would block in the JVM), so the method is recorded as an atomic region: it runs without
 * schedule points, like JDK code. Loading the agent with {@code -javaagent} avoids retransformation.
 *
 * <p>The whole body, including the exits before returns, is covered by one catch-all handler appended after the
 * method's own handlers (so theirs still come first) that exits and rethrows, as javac does for blocks.
 */
final class SynchronizedMethodVisitor extends MethodVisitor {
    private final String owner;
    private final boolean isStatic;
    private final String descriptor;
    private final boolean realMonitor;
    private final int site;
    private final Label start = new Label();
    private final Label end = new Label();
    private final Label handler = new Label();
    private final Label entry = new Label();
    private boolean begun;
    private boolean entryLine;

    /**
     * @param next the downstream visitor (a {@link HookMethodVisitor})
     * @param owner the internal name of the class
     * @param isStatic whether the method is static (its monitor is the class's)
     * @param methodName the method's name, for the site
     * @param descriptor the method's descriptor
     * @param realMonitor whether the flag was cleared, so that this visitor must take the real monitor itself
     */
    SynchronizedMethodVisitor(MethodVisitor next, String owner, boolean isStatic, String methodName, String descriptor,
            boolean realMonitor) {
        super(Opcodes.ASM9, next);
        this.owner = owner;
        this.isStatic = isStatic;
        this.descriptor = descriptor;
        this.realMonitor = realMonitor;
        this.site = realMonitor ? -1 : Sites.register(owner.replace('/', '.'),
                "synchronized " + HookMethodVisitor.simpleName(owner) + "." + methodName);
        if (!realMonitor) {
            Transformed.atomicMethod(owner.replace('/', '.'), methodName);
        }
    }

    /** Runs before the first instruction, after the method's own handlers were declared, so ours is the last. */
    private void begin() {
        if (begun) {
            return;
        }
        begun = true;
        super.visitTryCatchBlock(start, end, handler, null);
        super.visitLabel(entry);
        enter();
        super.visitLabel(start);
    }

    private void enter() {
        monitor(Opcodes.MONITORENTER, "monitorEnter");
    }

    private void exit() {
        monitor(Opcodes.MONITOREXIT, "monitorExit");
    }

    /** The real instruction (whose hook the downstream visitor adds), or else only the hook. */
    private void monitor(int instruction, String hook) {
        loadMonitor();
        if (realMonitor) {
            super.visitInsn(instruction);
        } else {
            HookMethodVisitor.push(mv, site);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HookMethodVisitor.HOOKS, hook, "(Ljava/lang/Object;I)V",
                    false);
        }
    }

    private void loadMonitor() {
        if (isStatic) {
            super.visitLdcInsn(Type.getObjectType(owner));
        } else {
            super.visitVarInsn(Opcodes.ALOAD, 0);
        }
    }

    @Override
    public void visitInsn(int opcode) {
        begin();
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            exit();
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        begin();
        super.visitLabel(end);
        super.visitLabel(handler);
        Object[] locals = parameterFrame();
        super.visitFrame(Opcodes.F_FULL, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
        exit();
        super.visitInsn(Opcodes.ATHROW);
        super.visitMaxs(Math.max(maxStack, 2), maxLocals);
    }

    /** The locals every instruction of the body agrees on: the receiver and the parameters. */
    private Object[] parameterFrame() {
        List<Object> locals = new ArrayList<>();
        if (!isStatic) {
            locals.add(owner);
        }
        for (Type t : Type.getArgumentTypes(descriptor)) {
            locals.add(switch (t.getSort()) {
                case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> Opcodes.INTEGER;
                case Type.FLOAT -> Opcodes.FLOAT;
                case Type.LONG -> Opcodes.LONG;
                case Type.DOUBLE -> Opcodes.DOUBLE;
                default -> t.getInternalName();
            });
        }
        return locals.toArray();
    }

    // Every other instruction and position event starts the body first.

    @Override
    public void visitLabel(Label label) {
        begin();
        super.visitLabel(label);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        begin();
        super.visitFrame(type, numLocal, local, numStack, stack);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        begin();
        if (!entryLine) {
            // The entry comes before the body's first line entry; give it that line, so traces show where it is.
            entryLine = true;
            super.visitLineNumber(line, entry);
        }
        super.visitLineNumber(line, start);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        begin();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        begin();
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        begin();
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String fieldOwner, String name, String fieldDescriptor) {
        begin();
        super.visitFieldInsn(opcode, fieldOwner, name, fieldDescriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String methodOwner, String name, String methodDescriptor,
            boolean isInterface) {
        begin();
        super.visitMethodInsn(opcode, methodOwner, name, methodDescriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String methodDescriptor, Handle bootstrap, Object... arguments) {
        begin();
        super.visitInvokeDynamicInsn(name, methodDescriptor, bootstrap, arguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        begin();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        begin();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        begin();
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        begin();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        begin();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String arrayDescriptor, int numDimensions) {
        begin();
        super.visitMultiANewArrayInsn(arrayDescriptor, numDimensions);
    }
}
