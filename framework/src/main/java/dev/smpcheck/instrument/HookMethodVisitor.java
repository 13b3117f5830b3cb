package dev.smpcheck.instrument;

import java.util.Set;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Rewrites one method body: a hook call before every access to a non-final field or an array element and around
 * every {@code monitorenter}/{@code monitorexit}, the calls {@link CallRewrites} names, and a hook before every call
 * into code that announces nothing ({@link OpaqueCalls}).
 *
 * <p>Every insertion is straight-line code that leaves the operand stack as it found it, so the method's existing
 * stack map frames stay valid; only the maximum stack depth grows ({@link #EXTRA_STACK}). Each hook gets the
 * receiver (or array and index) it is about, copied with {@code dup} forms, and a site number ({@link Sites}).
 */
final class HookMethodVisitor extends MethodVisitor {
    /** The most stack slots an insertion adds: a long array store keeps array, index and value, and copies two. */
    static final int EXTRA_STACK = 4;
    static final String HOOKS = Type.getInternalName(Hooks.class);

    private final String className;
    private final boolean constructor;
    private final String classInternalName;
    private final Set<String> ownFinalFields;
    private final TypeFacts facts;
    private final ReferenceBridges bridges;

    /**
     * @param next receives the rewritten method
     * @param classInternalName the class being rewritten, such as {@code com/acme/Pool}
     * @param methodName the method's name; constructors write their own fields without the receiver (see below)
     * @param ownFinalFields names of the final fields the class declares itself
     * @param facts answers questions about other classes
     * @param bridges where method references that need a point get a bridge; {@code null} when the class cannot
     *     gain methods
     */
    HookMethodVisitor(MethodVisitor next, String classInternalName, String methodName, Set<String> ownFinalFields,
            TypeFacts facts, ReferenceBridges bridges) {
        super(Opcodes.ASM9, next);
        this.classInternalName = classInternalName;
        this.className = classInternalName.replace('/', '.');
        this.constructor = methodName.equals("<init>");
        this.ownFinalFields = ownFinalFields;
        this.facts = facts;
        this.bridges = bridges;
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        if (isFinal(owner, name)) {
            super.visitFieldInsn(opcode, owner, name, descriptor);
            return;
        }
        boolean wide = descriptor.equals("J") || descriptor.equals("D");
        String staticField = owner.replace('/', '.') + "." + name;
        switch (opcode) {
            case Opcodes.GETFIELD -> {
                super.visitInsn(Opcodes.DUP);
                hook("read", "(Ljava/lang/Object;I)V", Sites.register(className, "read " + name, name, null));
            }
            case Opcodes.PUTFIELD -> {
                if (constructor && owner.equals(classInternalName)) {
                    // The receiver may still be uninitialized (javac stores captured values before super()),
                    // which the verifier forbids passing to a method; this point goes without it.
                    super.visitInsn(Opcodes.ACONST_NULL);
                } else if (wide) {
                    super.visitInsn(Opcodes.DUP2_X1);
                    super.visitInsn(Opcodes.POP2);
                    super.visitInsn(Opcodes.DUP_X2);
                } else {
                    super.visitInsn(Opcodes.DUP2);
                    super.visitInsn(Opcodes.POP);
                }
                hook("write", "(Ljava/lang/Object;I)V", Sites.register(className, "write " + name, name, null));
            }
            case Opcodes.GETSTATIC -> hook("readStatic", "(I)V",
                    Sites.register(className, "read " + simpleName(owner) + "." + name, name, staticField));
            default -> hook("writeStatic", "(I)V",
                    Sites.register(className, "write " + simpleName(owner) + "." + name, name, staticField));
        }
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    private boolean isFinal(String owner, String name) {
        return owner.equals(classInternalName) ? ownFinalFields.contains(name) : facts.isFinalField(owner, name);
    }

    @Override
    public void visitInsn(int opcode) {
        switch (opcode) {
            case Opcodes.IALOAD, Opcodes.LALOAD, Opcodes.FALOAD, Opcodes.DALOAD, Opcodes.AALOAD, Opcodes.BALOAD,
                    Opcodes.CALOAD, Opcodes.SALOAD -> {
                super.visitInsn(Opcodes.DUP2);
                hook("readElement", "(Ljava/lang/Object;II)V", "read element");
                super.visitInsn(opcode);
            }
            case Opcodes.IASTORE, Opcodes.FASTORE, Opcodes.AASTORE, Opcodes.BASTORE, Opcodes.CASTORE,
                    Opcodes.SASTORE -> {
                // array, index, value -> value, array, index -> array, index, value, array, index
                super.visitInsn(Opcodes.DUP_X2);
                super.visitInsn(Opcodes.POP);
                super.visitInsn(Opcodes.DUP2_X1);
                hook("writeElement", "(Ljava/lang/Object;II)V", "write element");
                super.visitInsn(opcode);
            }
            case Opcodes.LASTORE, Opcodes.DASTORE -> {
                super.visitInsn(Opcodes.DUP2_X2);
                super.visitInsn(Opcodes.POP2);
                super.visitInsn(Opcodes.DUP2_X2);
                hook("writeElement", "(Ljava/lang/Object;II)V", "write element");
                super.visitInsn(opcode);
            }
            case Opcodes.MONITORENTER -> {
                super.visitInsn(Opcodes.DUP);
                hook("monitorEnter", "(Ljava/lang/Object;I)V", "monitorenter");
                super.visitInsn(opcode);
            }
            case Opcodes.MONITOREXIT -> {
                // The model releases after the real monitor is free. The hook never throws: javac's handler for a
                // synchronized block covers this very instruction and would run the exit again.
                super.visitInsn(Opcodes.DUP);
                super.visitInsn(opcode);
                hook("monitorExit", "(Ljava/lang/Object;I)V", "monitorexit");
            }
            default -> super.visitInsn(opcode);
        }
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        CallRewrites.Rewrite r = CallRewrites.find(opcode, owner, name, descriptor, facts);
        if (r == null) {
            if (OpaqueCalls.isOpaque(opcode, owner, name, descriptor, facts)) {
                hook("unannounced", "(I)V", "call " + simpleName(owner) + "." + name);
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        } else if (r.pointBefore() && AtomicAccesses.announces(opcode, owner, name, descriptor)) {
            AtomicAccesses.emit(mv, opcode, owner, name, descriptor, isInterface,
                    Sites.register(className, "call " + simpleName(owner) + "." + name));
        } else if (r.pointBefore()) {
            hook(r.owner(), r.hook(), r.descriptor(), "call " + simpleName(owner) + "." + name);
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        } else {
            hook(r.owner(), r.hook(), r.descriptor(), simpleName(owner) + "." + name);
        }
    }

    /**
     * Points a method reference to a method the runtime takes over ({@code Thread::start}) at the matching hook: the
     * lambda class the JDK spins for it is never instrumented. Serializable lambdas are left alone, since their
     * serialized form names the implementation method.
     */
    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        if (bootstrap.getOwner().equals("java/lang/invoke/LambdaMetafactory") && arguments.length >= 3
                && arguments[1] instanceof Handle target && !serializable(bootstrap, arguments)) {
            Handle hook = CallRewrites.reference(target, facts);
            if (hook == null && bridges != null && CallRewrites.needsPointBefore(target, facts)) {
                hook = bridges.bridge(target);
            }
            if (hook != null) {
                Object[] changed = arguments.clone();
                changed[1] = hook;
                super.visitInvokeDynamicInsn(name, descriptor, bootstrap, changed);
                return;
            }
        }
        if (OpaqueCalls.isOpaque(bootstrap, descriptor)) {
            hook("unannounced", "(I)V", "call " + name);
        }
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
    }

    private static boolean serializable(Handle bootstrap, Object[] arguments) {
        // altMetafactory's fourth argument holds its flags; FLAG_SERIALIZABLE is 1.
        return bootstrap.getName().equals("altMetafactory") && arguments.length > 3
                && arguments[3] instanceof Integer flags && (flags & 1) != 0;
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(maxStack + EXTRA_STACK, maxLocals);
    }

    private void hook(String method, String descriptor, String what) {
        hook(HOOKS, method, descriptor, Sites.register(className, what));
    }

    private void hook(String method, String descriptor, int site) {
        hook(HOOKS, method, descriptor, site);
    }

    private void hook(String owner, String method, String descriptor, String what) {
        hook(owner, method, descriptor, Sites.register(className, what));
    }

    private void hook(String owner, String method, String descriptor, int site) {
        push(mv, site);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, owner, method, descriptor, false);
    }

    /** Pushes an int constant with the shortest instruction. */
    static void push(MethodVisitor mv, int value) {
        if (value <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value <= Short.MAX_VALUE) {
            mv.visitIntInsn(value <= Byte.MAX_VALUE ? Opcodes.BIPUSH : Opcodes.SIPUSH, value);
        } else {
            mv.visitLdcInsn(value);
        }
    }

    static String simpleName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }
}
