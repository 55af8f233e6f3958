package dev.serverlesslab.emulator.lambda.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seccomp filter every execution environment runs under: refuses with EPERM what a Lambda function cannot do
 * (create namespaces, mount, trace other processes, use kernel keyrings, load modules, ...), plus io_uring, which
 * Docker's default profile also refuses for its history of kernel flaws, and answers ENOSYS to
 * {@code clone3}, whose flags a classic filter cannot read, so the C library falls back to {@code clone}.
 *
 * <p>bubblewrap loads a compiled classic-BPF program from a file descriptor ({@code --seccomp FD}). No maintained
 * Java binding of libseccomp exists and the program is a few dozen fixed instructions, so it is generated here. It
 * checks the audit architecture first: only x86_64 and aarch64 system calls are judged by number; any other ABI
 * (i386 via {@code int 0x80}, x32) is refused, since its numbers would mean different calls.
 */
final class SeccompFilter {

    static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;
    static final int RET_KILL_PROCESS = 0x80000000;
    static final int RET_ERRNO = 0x00050000;
    static final int RET_ALLOW = 0x7FFF0000;
    static final int EPERM = 1;
    static final int ENOSYS = 38;
    /** CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET: every namespace a clone could create. */
    static final int CLONE_NAMESPACE_FLAGS = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000
            | 0x20000000 | 0x40000000;
    /** x32 system calls run on x86_64 with this bit set in the number. */
    private static final int X32_SYSCALL_BIT = 0x40000000;

    private static final short LD_W_ABS = 0x20;
    private static final short JEQ_K = 0x15;
    private static final short JGE_K = 0x35;
    private static final short JSET_K = 0x45;
    private static final short RET_K = 0x06;
    /** Offsets in {@code struct seccomp_data}: nr, arch, then the low 32 bits of args[0] (both ABIs are little-endian). */
    private static final int NR = 0;
    private static final int ARCH = 4;
    private static final int ARG0_LOW = 16;

    /** A system call ABI: its audit architecture and the numbers of the calls the filter judges. */
    record Abi(String name, int auditArch, int cloneNr, int clone3Nr, Map<String, Integer> refused) {
    }

    static final Abi X86_64 = new Abi("x86_64", AUDIT_ARCH_X86_64, 56, 435, numbers(
            "unshare", 272, "setns", 308, "mount", 165, "umount2", 166, "pivot_root", 155, "chroot", 161,
            "open_tree", 428, "move_mount", 429, "fsopen", 430, "fsconfig", 431, "fsmount", 432, "fspick", 433,
            "mount_setattr", 442, "ptrace", 101, "process_vm_readv", 310, "process_vm_writev", 311,
            "keyctl", 250, "add_key", 248, "request_key", 249, "bpf", 321, "perf_event_open", 298,
            "userfaultfd", 323, "kexec_load", 246, "kexec_file_load", 320, "init_module", 175, "finit_module", 313,
            "delete_module", 176, "reboot", 169, "swapon", 167, "swapoff", 168, "acct", 163, "quotactl", 179,
            "quotactl_fd", 443, "open_by_handle_at", 304, "syslog", 103, "iopl", 172, "ioperm", 173,
            "io_uring_setup", 425, "io_uring_enter", 426, "io_uring_register", 427));
    static final Abi AARCH64 = new Abi("aarch64", AUDIT_ARCH_AARCH64, 220, 435, numbers(
            "unshare", 97, "setns", 268, "mount", 40, "umount2", 39, "pivot_root", 41, "chroot", 51,
            "open_tree", 428, "move_mount", 429, "fsopen", 430, "fsconfig", 431, "fsmount", 432, "fspick", 433,
            "mount_setattr", 442, "ptrace", 117, "process_vm_readv", 270, "process_vm_writev", 271,
            "keyctl", 219, "add_key", 217, "request_key", 218, "bpf", 280, "perf_event_open", 241,
            "userfaultfd", 282, "kexec_load", 104, "kexec_file_load", 294, "init_module", 105, "finit_module", 273,
            "delete_module", 106, "reboot", 142, "swapon", 224, "swapoff", 225, "acct", 89, "quotactl", 60,
            "quotactl_fd", 443, "open_by_handle_at", 265, "syslog", 116,
            "io_uring_setup", 425, "io_uring_enter", 426, "io_uring_register", 427));

    private SeccompFilter() {
    }

    /** The program for this JVM's architecture, or empty where the filter knows no system call numbers. */
    static Optional<byte[]> forHost() {
        return switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> Optional.of(program(X86_64));
            case "aarch64", "arm64" -> Optional.of(program(AARCH64));
            default -> Optional.empty();
        };
    }

    /** The filter as bubblewrap reads it: {@code struct sock_filter} entries in native (little-endian) order. */
    static byte[] program(Abi abi) {
        List<int[]> code = instructions(abi);
        ByteBuffer bytes = ByteBuffer.allocate(code.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] instruction : code) {
            bytes.putShort((short) instruction[0]).put((byte) instruction[1]).put((byte) instruction[2])
                    .putInt(instruction[3]);
        }
        return bytes.array();
    }

    /**
     * The program as {code, jt, jf, k} rows. Layout: check the architecture; judge the number (clone3 → ENOSYS,
     * clone → look at its flags, refused → EPERM, else allow); the shared return rows come last, so every jump is
     * forward and short.
     */
    static List<int[]> instructions(Abi abi) {
        Program p = new Program();
        p.add(LD_W_ABS, ARCH);
        p.jump(JEQ_K, abi.auditArch(), null, "kill");
        p.add(LD_W_ABS, NR);
        if (abi == X86_64) {
            p.jump(JGE_K, X32_SYSCALL_BIT, "kill", null);
        }
        p.jump(JEQ_K, abi.clone3Nr(), "enosys", null);
        p.jump(JEQ_K, abi.cloneNr(), "cloneFlags", null);
        abi.refused().values().stream().sorted().forEach(nr -> p.jump(JEQ_K, nr, "eperm", null));
        p.add(RET_K, RET_ALLOW);
        p.label("cloneFlags");
        p.add(LD_W_ABS, ARG0_LOW);
        p.jump(JSET_K, CLONE_NAMESPACE_FLAGS, "eperm", null);
        p.add(RET_K, RET_ALLOW);
        p.label("eperm");
        p.add(RET_K, RET_ERRNO | EPERM);
        p.label("enosys");
        p.add(RET_K, RET_ERRNO | ENOSYS);
        p.label("kill");
        p.add(RET_K, RET_KILL_PROCESS);
        return p.resolve();
    }

    private static Map<String, Integer> numbers(Object... pairs) {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return Map.copyOf(map);
    }

    /** Rows with symbolic jump targets (null: fall through to the next row), resolved to offsets at the end. */
    private static final class Program {
        private final List<Object[]> rows = new ArrayList<>();
        private final Map<String, Integer> labels = new HashMap<>();

        void add(short code, int k) {
            rows.add(new Object[] {code, null, null, k});
        }

        void jump(short code, int k, String ifTrue, String ifFalse) {
            rows.add(new Object[] {code, ifTrue, ifFalse, k});
        }

        void label(String name) {
            labels.put(name, rows.size());
        }

        List<int[]> resolve() {
            List<int[]> resolved = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Object[] row = rows.get(i);
                resolved.add(new int[] {(short) row[0], offset(i, (String) row[1]), offset(i, (String) row[2]),
                        (int) row[3]});
            }
            return resolved;
        }

        private int offset(int from, String label) {
            if (label == null) {
                return 0;
            }
            int distance = labels.get(label) - from - 1;
            if (distance < 0 || distance > 255) {
                throw new IllegalStateException("A classic BPF jump reaches at most 255 rows forward: " + label);
            }
            return distance;
        }
    }
}
