package dev.smpcheck.instrument;

import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;

/**
 * Rewrites one class: every method body through a {@link HookMethodVisitor} and {@link CreationSwaps}, and
 * {@code synchronized} methods through a {@link SynchronizedMethodVisitor} as well. A class being defined that extends
 * {@code ThreadPoolExecutor} or {@code ForkJoinPool} extends the runtime's pool instead ({@link CreationSwaps#superclass}).
 *
 * <p>Every method, class initialisers included, tells the runtime what the lock views and field updaters it makes
 * stand for ({@link HandleRecords}). Class initialisers get only that, the {@link CreationSwaps}, so that a static
 * pool is one the model can run, and an {@link InitializerVisitor} that snapshots the static fields at their end:
 * they get no schedule points ({@code <clinit>} runs atomically, and code it calls is kept atomic at run time, see
 * {@link Frames}). Left alone: abstract and native methods, and classes older than Java 6 (class file version 50),
 * which predate the stack map frames the rewriting keeps intact.
 */
final class HookClassVisitor extends ClassVisitor {
    private static final int JAVA_6 = 50;

    private final TypeFacts facts;
    private final boolean firstLoad;
    private final Set<String> ownFinalFields = new HashSet<>();
    private String internalName;
    private boolean rewrite;
    private boolean isInterface;
    private boolean hasInitializer;
    private boolean hasStaticFields;
    private ReferenceBridges bridges;
    /** The JDK pool class this class extended before its superclass was swapped, else {@code null}. */
    private String swappedSuper;

    private HookClassVisitor(ClassVisitor next, TypeDescription type, TypePool pool, boolean firstLoad) {
        super(Opcodes.ASM9, next);
        this.facts = new TypeFacts(pool);
        this.firstLoad = firstLoad;
        for (FieldDescription f : type.getDeclaredFields()) {
            if (f.isFinal()) {
                ownFinalFields.add(f.getName());
            }
        }
    }

    /**
     * The rewriting as Byte Buddy applies it.
     *
     * @param firstLoad whether the class is being defined (it may then change method modifiers) rather than
     *     retransformed
     * @return a wrapper for {@code DynamicType.Builder.visit}
     */
    static AsmVisitorWrapper wrapper(boolean firstLoad) {
        return new AsmVisitorWrapper() {
            @Override
            public int mergeWriter(int flags) {
                return flags;
            }

            @Override
            public int mergeReader(int flags) {
                return flags;
            }

            @Override
            public ClassVisitor wrap(TypeDescription type, ClassVisitor next, Implementation.Context context,
                    TypePool pool, FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods,
                    int writerFlags, int readerFlags) {
                return new HookClassVisitor(next, type, pool, firstLoad);
            }
        };
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName,
            String[] interfaces) {
        internalName = name;
        isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
        rewrite = (version & 0xFFFF) >= JAVA_6;
        // New methods only in a class being defined, and not in interfaces, whose private methods need Java 9.
        bridges = rewrite && firstLoad && !isInterface ? new ReferenceBridges(name) : null;
        String runtimeSuper = rewrite && firstLoad ? CreationSwaps.superclass(superName) : null;
        swappedSuper = runtimeSuper == null ? null : superName;
        // The generic signature still names the JDK class: reflection then reports the type the user wrote.
        super.visit(version, access, name, signature, runtimeSuper == null ? superName : runtimeSuper, interfaces);
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        if ((access & Opcodes.ACC_STATIC) != 0 && (access & Opcodes.ACC_FINAL) == 0) {
            hasStaticFields = true;
        }
        return super.visitField(access, name, descriptor, signature, value);
    }

    /**
     * A class with static fields but no initialiser gets one that only takes the snapshot, so that its fields can be
     * reset too. Only when the class is defined: a retransformation may not add methods.
     */
    @Override
    public void visitEnd() {
        if (bridges != null) {
            // Through this visitor, so that each bridge's call gets its point.
            ReferenceBridges emitting = bridges;
            bridges = null;
            emitting.emit(this);
        }
        if (rewrite && firstLoad && !isInterface && hasStaticFields && !hasInitializer) {
            MethodVisitor mv = new InitializerVisitor(
                    super.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null), internalName);
            mv.visitCode();
            mv.visitInsn(Opcodes.RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        super.visitEnd();
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
            String[] exceptions) {
        if (rewrite && name.equals("<clinit>")) {
            MethodVisitor mv = new CreationSwaps(
                    new HandleRecords(super.visitMethod(access, name, descriptor, signature, exceptions)), swappedSuper);
            if (isInterface) {
                return mv;
            }
            hasInitializer = true;
            return new InitializerVisitor(mv, internalName);
        }
        if (!rewrite || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            return super.visitMethod(access, name, descriptor, signature, exceptions);
        }
        boolean synchronizedMethod = (access & Opcodes.ACC_SYNCHRONIZED) != 0;
        int written = synchronizedMethod && firstLoad ? access & ~Opcodes.ACC_SYNCHRONIZED : access;
        MethodVisitor mv = new HandleRecords(super.visitMethod(written, name, descriptor, signature, exceptions));
        mv = new HookMethodVisitor(mv, internalName, name, ownFinalFields, facts, bridges);
        if (synchronizedMethod) {
            mv = new SynchronizedMethodVisitor(mv, internalName, (access & Opcodes.ACC_STATIC) != 0, name,
                    descriptor, firstLoad);
        }
        return new CreationSwaps(mv, swappedSuper);
    }
}
