package dev.smpcheck.instrument;

import java.util.Set;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Calls of an atomic variable's methods ({@code AtomicInteger.get}, {@code AtomicReference.compareAndSet}, ...) as
 * announced accesses: the receiver is the location, as a whole, read by the getters and written (perhaps only read)
 * by every other method. The receiver is copied from under the call's arguments for the hook, which the operand stack
 * allows for calls with up to two one-slot arguments or one two-slot argument; other calls ({@code compareAndSet} of
 * two {@code long}s) keep a point that announces nothing. Field updaters ({@code AtomicIntegerFieldUpdater}) are left
 * to that plain point too, as they touch a field of their argument, not of themselves; so are {@code VarHandle}s.
 */
final class AtomicAccesses {
    private static final Set<String> READS = Set.of("get", "getPlain", "getOpaque", "getAcquire", "intValue",
            "longValue", "floatValue", "doubleValue", "sum", "getReference", "getStamp", "isMarked", "length",
            "toString");

    private AtomicAccesses() {}

    /** @return whether a call of {@code owner.name} can be announced as an access of its receiver */
    static boolean applies(int opcode, String owner, String descriptor) {
        return opcode == Opcodes.INVOKEVIRTUAL && owner.startsWith("java/util/concurrent/atomic/")
                && !owner.endsWith("FieldUpdater") && argumentSlots(descriptor) >= 0;
    }

    /** @return whether the call only reads its receiver */
    static boolean reads(String name) {
        return READS.contains(name);
    }

    /**
     * Leaves a copy of the receiver on top of the stack, above the call's arguments.
     *
     * @param descriptor the call's descriptor; {@link #applies} holds for it
     */
    static void copyReceiver(MethodVisitor mv, String descriptor) {
        switch (argumentSlots(descriptor)) {
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

    /** @return the stack slots of the call's arguments when the receiver can be copied past them (0 to 2), else -1 */
    private static int argumentSlots(String descriptor) {
        int slots = 0;
        for (Type t : Type.getArgumentTypes(descriptor)) {
            slots += t.getSize();
        }
        return slots <= 2 ? slots : -1;
    }
}
