package dev.smpcheck.instrument;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Makes instrumented code create the runtime's pools and barriers where it would create the JDK's: the
 * {@code Executors} pool factories return a {@link ControlledPool} ({@link ExecutorHooks#newFixedThreadPool} and its
 * kin), and {@code new ThreadPoolExecutor(...)}, {@code new ForkJoinPool(...)} and {@code new CyclicBarrier(...)} make
 * a {@link ControlledPool}, a {@link ControlledForkJoinPool} and a {@link ControlledBarrier}. Each behaves as the JDK's outside control and lets the model run it under control.
 * This applies to class initialisers too, which get no other rewriting: that is where static pools are made.
 *
 * <p>For a {@code new}, both the instruction and its constructor call are swapped. A user's subclass of
 * {@code ThreadPoolExecutor} or {@code ForkJoinPool} is made a subclass of the runtime's pool instead when the class is
 * defined ({@link #superclass}); then its {@code super(...)} and {@code super.m()} calls are swapped too. In any other
 * class a {@code super(...)} call, which has no {@code new} of its own, is left alone. The stack map frames stay valid: an object under
 * construction is typed by the offset of its {@code new}, not by its class, and once constructed the subclass is
 * assignable wherever the JDK class was.
 */
final class CreationSwaps extends MethodVisitor {
    private static final String EXECUTOR_SERVICE = "Ljava/util/concurrent/ExecutorService;";
    private static final Map<String, String> SWAPS = Map.of(
            "java/util/concurrent/ThreadPoolExecutor", Type.getInternalName(ControlledPool.class),
            "java/util/concurrent/ForkJoinPool", Type.getInternalName(ControlledForkJoinPool.class),
            "java/util/concurrent/CyclicBarrier", Type.getInternalName(ControlledBarrier.class));

    /** The pool factories of {@code Executors} (name + descriptor), which {@link ExecutorHooks} has too. */
    private static final Set<String> POOL_FACTORIES = Set.of(
            "newFixedThreadPool(I)" + EXECUTOR_SERVICE,
            "newFixedThreadPool(ILjava/util/concurrent/ThreadFactory;)" + EXECUTOR_SERVICE,
            "newCachedThreadPool()" + EXECUTOR_SERVICE,
            "newCachedThreadPool(Ljava/util/concurrent/ThreadFactory;)" + EXECUTOR_SERVICE,
            "newSingleThreadExecutor()" + EXECUTOR_SERVICE,
            "newSingleThreadExecutor(Ljava/util/concurrent/ThreadFactory;)" + EXECUTOR_SERVICE,
            "newWorkStealingPool()" + EXECUTOR_SERVICE,
            "newWorkStealingPool(I)" + EXECUTOR_SERVICE);

    /** The JDK classes whose user subclasses get the runtime's class as their superclass instead. */
    private static final Set<String> SUPERCLASS_SWAPS = Set.of("java/util/concurrent/ThreadPoolExecutor",
            "java/util/concurrent/ForkJoinPool");

    /** Per swapped class, the {@code new}s seen whose constructor call has not been; constructions nest. */
    private final Map<String, Integer> open = new HashMap<>();
    /** The JDK superclass this method's class had before it was swapped, else {@code null}. */
    private final String swappedSuper;

    /**
     * @param swappedSuper the superclass the method's class declared, if {@link #superclass} swapped it, else
     *     {@code null}
     */
    CreationSwaps(MethodVisitor next, String swappedSuper) {
        super(Opcodes.ASM9, next);
        this.swappedSuper = swappedSuper;
    }

    /**
     * @param superName a class's declared superclass
     * @return the runtime's class to extend instead (a user's pool then runs in the model as the JDK's do), or
     *     {@code null} to keep it; only for a class being defined, since a retransformation may not change it
     */
    static String superclass(String superName) {
        return SUPERCLASS_SWAPS.contains(superName) ? SWAPS.get(superName) : null;
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        String swap = opcode == Opcodes.NEW ? SWAPS.get(type) : null;
        if (swap == null) {
            super.visitTypeInsn(opcode, type);
        } else {
            open.merge(type, 1, Integer::sum);
            super.visitTypeInsn(opcode, swap);
        }
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/util/concurrent/Executors")
                && POOL_FACTORIES.contains(name + descriptor)) {
            super.visitMethodInsn(opcode, Type.getInternalName(ExecutorHooks.class), name, descriptor, false);
        } else if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>") && open.getOrDefault(owner, 0) > 0) {
            open.merge(owner, -1, Integer::sum);
            super.visitMethodInsn(opcode, SWAPS.get(owner), name, descriptor, isInterface);
        } else if (opcode == Opcodes.INVOKESPECIAL && owner.equals(swappedSuper)) {
            // super(...) and super.m() of a class whose superclass was swapped name the new superclass, which has
            // every constructor and method the JDK class has.
            super.visitMethodInsn(opcode, SWAPS.get(owner), name, descriptor, isInterface);
        } else {
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }
    }
}
