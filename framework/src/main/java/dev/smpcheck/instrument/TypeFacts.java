package dev.smpcheck.instrument;

import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;

/**
 * What the transformer needs to know about classes other than the one it rewrites: whether a field is final, whether
 * a class is a {@code Thread} or a {@code ReentrantLock}, and where an inherited method is declared. Answers are read from class files (no class is
 * loaded) and cached by name for the life of the JVM. A class that cannot be read is answered conservatively: its
 * fields count as mutable (they get a point) and it counts as no special type.
 */
final class TypeFacts {
    private static final ConcurrentHashMap<String, Boolean> FINAL_FIELDS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Boolean> SUBTYPES = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Boolean> INHERITED = new ConcurrentHashMap<>();

    private final TypePool pool;

    TypeFacts(TypePool pool) {
        this.pool = pool;
    }

    /**
     * @param owner the internal name of the class a field instruction names
     * @param name the field's name
     * @return whether the field, declared there or in a superclass or interface, is final
     */
    boolean isFinalField(String owner, String name) {
        return FINAL_FIELDS.computeIfAbsent(owner + "." + name, k -> findFinal(owner, name));
    }

    private boolean findFinal(String owner, String name) {
        try {
            TypePool.Resolution r = pool.describe(owner.replace('/', '.'));
            return r.isResolved() && declaresFinal(r.resolve(), name);
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    private static boolean declaresFinal(TypeDefinition type, String name) {
        for (TypeDefinition t = type; t != null; t = t.getSuperClass()) {
            for (FieldDescription f : t.getDeclaredFields()) {
                if (f.getName().equals(name)) {
                    return f.isFinal();
                }
            }
            for (TypeDefinition i : t.getInterfaces()) {
                if (declaresFinal(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param owner the internal name of an instrumented class that a call instruction names
     * @param name the method's name
     * @param descriptor the method's descriptor
     * @return whether the method the call resolves to may be declared in a superclass the agent leaves alone (a user
     *     list that extends {@code ArrayList} and calls its {@code add}); {@code true} when the class cannot be read
     */
    boolean inheritsFromOutside(String owner, String name, String descriptor) {
        return INHERITED.computeIfAbsent(owner + "." + name + descriptor, k -> findInherited(owner, name, descriptor));
    }

    private boolean findInherited(String owner, String name, String descriptor) {
        try {
            TypePool.Resolution r = pool.describe(owner.replace('/', '.'));
            if (!r.isResolved()) {
                return true;
            }
            for (TypeDefinition t = r.resolve(); t != null; t = t.getSuperClass()) {
                String type = t.asErasure().getName();
                if (type.equals("java.lang.Object")) {
                    return name.equals("clone"); // Object.clone copies every field: reads them all
                }
                if (!SmpAgent.globalScope().includes(type)) {
                    return true;
                }
                for (MethodDescription m : t.getDeclaredMethods()) {
                    if (m.getInternalName().equals(name) && m.getDescriptor().equals(descriptor)) {
                        return false;
                    }
                }
            }
            return false;
        } catch (RuntimeException unreadable) {
            return true;
        }
    }

    /**
     * @param owner the internal name of the class a call instruction names
     * @param type a JDK class
     * @return whether {@code owner} is {@code type} or a subtype of it
     */
    boolean isSubtype(String owner, Class<?> type) {
        String name = owner.replace('/', '.');
        if (name.equals(type.getName())) {
            return true;
        }
        return SUBTYPES.computeIfAbsent(name + "<" + type.getName(), k -> resolveSubtype(name, type));
    }

    private boolean resolveSubtype(String name, Class<?> type) {
        try {
            TypePool.Resolution r = pool.describe(name);
            return r.isResolved() && r.resolve().isAssignableTo(TypeDescription.ForLoadedType.of(type));
        } catch (RuntimeException unreadable) {
            return false;
        }
    }
}
