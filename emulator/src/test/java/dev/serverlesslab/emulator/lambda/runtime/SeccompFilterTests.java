package dev.serverlesslab.emulator.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generated seccomp program, run on a small classic-BPF interpreter the way the kernel runs it on each system
 * call: what it refuses, what it lets through, and that another ABI's numbers are never judged as this one's.
 */
class SeccompFilterTests {

    private static final int EPERM = SeccompFilter.RET_ERRNO | SeccompFilter.EPERM;
    private static final int ENOSYS = SeccompFilter.RET_ERRNO | SeccompFilter.ENOSYS;
    /** What glibc's pthread_create passes to clone. */
    private static final int THREAD_FLAGS = 0x003D0F00;
    private static final int CLONE_NEWUSER = 0x10000000;
    private static final int CLONE_NEWNS = 0x00020000;

    @Test
    void everyRefusedCall_answersEperm_onBothArchitectures() {
        for (SeccompFilter.Abi abi : List.of(SeccompFilter.X86_64, SeccompFilter.AARCH64)) {
            for (Map.Entry<String, Integer> call : abi.refused().entrySet()) {
                assertEquals(EPERM, run(abi, abi.auditArch(), call.getValue(), 0), abi.name() + " " + call.getKey());
            }
        }
    }

    @Test
    void ordinaryCalls_andThreadCreatingClone_areAllowed() {
        SeccompFilter.Abi x86 = SeccompFilter.X86_64;
        assertEquals(SeccompFilter.RET_ALLOW, run(x86, x86.auditArch(), 0, 0), "read");
        assertEquals(SeccompFilter.RET_ALLOW, run(x86, x86.auditArch(), 257, 0), "openat");
        assertEquals(SeccompFilter.RET_ALLOW, run(x86, x86.auditArch(), x86.cloneNr(), THREAD_FLAGS), "thread");
        assertEquals(SeccompFilter.RET_ALLOW, run(x86, x86.auditArch(), x86.cloneNr(), 17), "fork (SIGCHLD)");
    }

    @Test
    void cloneWithANamespaceFlag_isRefused_andClone3AnswersEnosys_soLibcFallsBackToClone() {
        for (SeccompFilter.Abi abi : List.of(SeccompFilter.X86_64, SeccompFilter.AARCH64)) {
            assertEquals(EPERM, run(abi, abi.auditArch(), abi.cloneNr(), THREAD_FLAGS | CLONE_NEWUSER), abi.name());
            assertEquals(EPERM, run(abi, abi.auditArch(), abi.cloneNr(), 17 | CLONE_NEWNS), abi.name());
            assertEquals(ENOSYS, run(abi, abi.auditArch(), abi.clone3Nr(), 0), abi.name());
        }
    }

    @Test
    void otherAbis_areKilled_notJudgedByNumber() {
        SeccompFilter.Abi x86 = SeccompFilter.X86_64;
        int i386 = 0x40000003;
        assertEquals(SeccompFilter.RET_KILL_PROCESS, run(x86, i386, 3, 0), "i386 read via int 0x80");
        assertEquals(SeccompFilter.RET_KILL_PROCESS, run(x86, x86.auditArch(), 0x40000000 | 272, 0), "x32 unshare");
        assertEquals(SeccompFilter.RET_KILL_PROCESS, run(SeccompFilter.AARCH64, x86.auditArch(), 0, 0), "x86 on arm");
    }

    @Test
    void aarch64_judgesItsOwnNumbers() {
        SeccompFilter.Abi arm = SeccompFilter.AARCH64;
        // 165 is mount on x86_64 but getrusage on aarch64; 40 is mount on aarch64.
        assertEquals(SeccompFilter.RET_ALLOW, run(arm, arm.auditArch(), 165, 0));
        assertEquals(EPERM, run(arm, arm.auditArch(), 40, 0));
    }

    /** Interprets the program bytes for one system call, as the kernel's classic-BPF seccomp evaluator does. */
    private static int run(SeccompFilter.Abi abi, int arch, int nr, int arg0) {
        ByteBuffer program = ByteBuffer.wrap(SeccompFilter.program(abi)).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, nr).putInt(4, arch).putLong(16, arg0 & 0xFFFFFFFFL);
        int accumulator = 0;
        int pc = 0;
        while (true) {
            int at = pc * 8;
            int code = program.getShort(at) & 0xFFFF;
            int jt = program.get(at + 2) & 0xFF;
            int jf = program.get(at + 3) & 0xFF;
            int k = program.getInt(at + 4);
            pc++;
            switch (code) {
                case 0x20 -> accumulator = data.getInt(k);
                case 0x06 -> {
                    return k;
                }
                case 0x15 -> pc += accumulator == k ? jt : jf;
                case 0x35 -> pc += Integer.compareUnsigned(accumulator, k) >= 0 ? jt : jf;
                case 0x45 -> pc += (accumulator & k) != 0 ? jt : jf;
                default -> throw new AssertionError("unexpected BPF opcode " + code);
            }
        }
    }
}
