package dev.smpcheck.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Makes instrumented code tell the runtime what a JDK object that stands for another one stands for, when it gets
 * it: the {@code Lock} views of a {@code StampedLock} ({@code asReadLock()}, {@code asWriteLock()},
 * {@code asReadWriteLock()}), whose JDK classes do not say which lock they belong to, and the field a field updater
 * ({@code AtomicIntegerFieldUpdater.newUpdater(Node.class, "state")}) works on, which the updater keeps private. The
 * call runs as is, and its result is passed through a recording hook ({@link BlockingHooks#view},
 * {@link AtomicHooks#updater}).
 *
 * <p>This applies to class initialisers too, which get no other rewriting, since that is where updaters and the views
 * of a static lock are usually made. The visitor sits below the {@link HookMethodVisitor} (nearer the class writer),
 * so that the recording hooks it adds are not themselves taken for calls into the JDK. {@code newUpdater} is caller
 * sensitive, so it cannot be replaced by a hook that calls it: the field name is copied from under the call's
 * arguments instead.
 */
final class HandleRecords extends MethodVisitor {
    private static final String BLOCKING_HOOKS = Type.getInternalName(BlockingHooks.class);
    private static final String ATOMIC_HOOKS = Type.getInternalName(AtomicHooks.class);
    private static final String STAMPED_LOCK = "java/util/concurrent/locks/StampedLock";
    private static final String LOCK = "Ljava/util/concurrent/locks/Lock;";
    private static final String READ_WRITE_LOCK = "Ljava/util/concurrent/locks/ReadWriteLock;";
    private static final String CLASS = "Ljava/lang/Class;";
    private static final String STRING = "Ljava/lang/String;";

    HandleRecords(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals(STAMPED_LOCK)
                && (descriptor.equals("()" + LOCK) || descriptor.equals("()" + READ_WRITE_LOCK))
                && name.startsWith("as")) {
            // lock -> lock, lock -> lock, view -> view
            super.visitInsn(Opcodes.DUP);
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            String view = descriptor.substring(2);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BLOCKING_HOOKS, "view",
                    "(L" + STAMPED_LOCK + ";" + view + ")" + view, false);
            return;
        }
        if (opcode == Opcodes.INVOKESTATIC && name.equals("newUpdater") && isUpdater(owner)
                && descriptor.endsWith(STRING + ")L" + owner + ";")) {
            // classes..., name -> name, classes..., name -> name, updater -> updater, name -> updater
            boolean reference = descriptor.startsWith("(" + CLASS + CLASS + STRING);
            super.visitInsn(reference ? Opcodes.DUP_X2 : Opcodes.DUP_X1);
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            super.visitInsn(Opcodes.SWAP);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, ATOMIC_HOOKS, "updater",
                    "(Ljava/lang/Object;" + STRING + ")Ljava/lang/Object;", false);
            super.visitTypeInsn(Opcodes.CHECKCAST, owner);
            return;
        }
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    private static boolean isUpdater(String owner) {
        return owner.equals("java/util/concurrent/atomic/AtomicIntegerFieldUpdater")
                || owner.equals("java/util/concurrent/atomic/AtomicLongFieldUpdater")
                || owner.equals("java/util/concurrent/atomic/AtomicReferenceFieldUpdater");
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(maxStack + 1, maxLocals);
    }
}
