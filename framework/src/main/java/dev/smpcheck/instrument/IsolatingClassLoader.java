package dev.smpcheck.instrument;

import java.io.IOException;
import java.io.InputStream;

/**
 * One schedule's loader of {@link ClassIsolation}: child-first for the classes the isolation reloads, parent-first for
 * everything else.
 */
final class IsolatingClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final ClassIsolation isolation;

    IsolatingClassLoader(ClassLoader parent, ClassIsolation isolation) {
        super("smpcheck-isolated", parent);
        this.isolation = isolation;
    }

    /**
     * @return whether this loader defines {@code className} from bytes the agent rewrote already, so that the agent
     *     must leave it alone
     */
    boolean definesRewritten(String className) {
        return isolation.rewritten(className) != null;
    }

    /** The agent rewrote a class this loader defined: later loaders reuse the result. */
    void rewrote(String className, byte[] classFile) {
        isolation.rewrote(className, classFile);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!ClassIsolation.reloads(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = defineAfresh(name);
            }
            if (c == null) {
                // No class file (a class the parent generated at run time): there is only the parent's.
                return super.loadClass(name, resolve);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private Class<?> defineAfresh(String name) throws ClassNotFoundException {
        byte[] bytes = isolation.rewritten(name);
        if (bytes == null) {
            bytes = classFile(name);
            if (bytes == null) {
                return null;
            }
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    private byte[] classFile(String name) throws ClassNotFoundException {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException("cannot read the class file of " + name + " to load it afresh", e);
        }
    }

    @Override
    public String toString() {
        return "smpcheck isolated loader@" + Integer.toHexString(System.identityHashCode(this));
    }
}
