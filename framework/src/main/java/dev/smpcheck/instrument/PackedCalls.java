package dev.smpcheck.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Moves a call's receiver and arguments from the operand stack into a new {@code Object[]} and back, so that a hook
 * can see all of them. The {@code dup} forms reach at most four slots down, which is not far enough for a
 * {@code VarHandle}'s coordinates under two {@code long} values; a method's free local variables are not known while
 * its code streams past. Primitive values are boxed on the way in and unboxed on the way out ({@code boolean},
 * {@code byte}, {@code char} and {@code short} travel as {@link Integer}, as the operand stack holds them), and
 * references get their static type back with a {@code checkcast}, so the call that follows verifies as before.
 *
 * <p>Both are straight-line code that needs at most {@link #EXTRA_STACK} slots above the values it moves.
 */
final class PackedCalls {
    /** The most slots packing or unpacking adds to the stack the values took. */
    static final int EXTRA_STACK = 3;

    private PackedCalls() {}

    /**
     * @param owner the internal name of the call's owner
     * @param descriptor the call's descriptor
     * @return the types of the stack values an instance call takes: its receiver, then its arguments
     */
    static Type[] stack(String owner, String descriptor) {
        Type[] args = Type.getArgumentTypes(descriptor);
        Type[] all = new Type[args.length + 1];
        all[0] = Type.getObjectType(owner);
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    /** Values of {@code types} (the last on top) -> an {@code Object[]} holding them in order. */
    static void pack(MethodVisitor mv, Type[] types) {
        HookMethodVisitor.push(mv, types.length);
        mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
        for (int i = types.length - 1; i >= 0; i--) {
            // ..., v, array -> ..., array, v
            if (types[i].getSize() == 2) {
                mv.visitInsn(Opcodes.DUP_X2);
                mv.visitInsn(Opcodes.POP);
            } else {
                mv.visitInsn(Opcodes.SWAP);
            }
            box(mv, types[i]);
            // array, box -> box, array -> array, box, array -> array, array, box -> array, array, i, box -> array
            mv.visitInsn(Opcodes.SWAP);
            mv.visitInsn(Opcodes.DUP_X1);
            mv.visitInsn(Opcodes.SWAP);
            HookMethodVisitor.push(mv, i);
            mv.visitInsn(Opcodes.SWAP);
            mv.visitInsn(Opcodes.AASTORE);
        }
    }

    /** The {@code Object[]} that {@link #pack} made -> the values of {@code types} again. */
    static void unpack(MethodVisitor mv, Type[] types) {
        for (int i = 0; i < types.length; i++) {
            // ..., array -> ..., array, array[i] -> ..., array, v -> ..., v, array
            mv.visitInsn(Opcodes.DUP);
            HookMethodVisitor.push(mv, i);
            mv.visitInsn(Opcodes.AALOAD);
            unbox(mv, types[i]);
            if (types[i].getSize() == 2) {
                mv.visitInsn(Opcodes.DUP2_X1);
                mv.visitInsn(Opcodes.POP2);
            } else {
                mv.visitInsn(Opcodes.SWAP);
            }
        }
        mv.visitInsn(Opcodes.POP);
    }

    private static void box(MethodVisitor mv, Type t) {
        Type box = boxType(t);
        if (box != null) {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, box.getInternalName(), "valueOf",
                    "(" + stackType(t).getDescriptor() + ")" + box.getDescriptor(), false);
        }
    }

    private static void unbox(MethodVisitor mv, Type t) {
        Type box = boxType(t);
        if (box != null) {
            Type value = stackType(t);
            mv.visitTypeInsn(Opcodes.CHECKCAST, box.getInternalName());
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, box.getInternalName(), value.getClassName() + "Value",
                    "()" + value.getDescriptor(), false);
        } else if (!t.getInternalName().equals("java/lang/Object")) {
            mv.visitTypeInsn(Opcodes.CHECKCAST, t.getInternalName());
        }
    }

    /** The type a value of {@code t} has on the operand stack: {@code int} for the small integral types. */
    private static Type stackType(Type t) {
        return switch (t.getSort()) {
            case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT -> Type.INT_TYPE;
            default -> t;
        };
    }

    /** @return the box of a primitive type, or {@code null} for a reference type */
    private static Type boxType(Type t) {
        return switch (stackType(t).getSort()) {
            case Type.INT -> Type.getObjectType("java/lang/Integer");
            case Type.LONG -> Type.getObjectType("java/lang/Long");
            case Type.FLOAT -> Type.getObjectType("java/lang/Float");
            case Type.DOUBLE -> Type.getObjectType("java/lang/Double");
            default -> null;
        };
    }
}
