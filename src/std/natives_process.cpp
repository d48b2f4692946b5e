// std layer: natives of sys.io.Process (natives.md §9.3, HashLink 1.16 process.c): a child run
// through fork + exec with its stdin, stdout and stderr on pipes. The parent's pipe ends are
// non-blocking and every wait (a read, a write to a full pipe, waiting for the exit) goes through
// wait_fds, so other Haxe threads run meanwhile and an unloading VM is not held up.
// The VM owns its children: a handle the program drops, or still holds when the VM unloads, is
// finalized by closing its pipes and reaping the child, killed first if it still runs.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <new>
#include <string>
#include <vector>

#include "std/std_natives.h"

namespace hlffi::rt {

namespace {

// Outside the heap, so that the finalizer can still reach it after the handle is collected.
struct ProcessState {
    int in_fd;      // parent's end of the child's stdin, -1 once closed
    int out_fd;     // parent's end of the child's stdout
    int err_fd;     // parent's end of the child's stderr
    int pid_fd;     // pidfd of the child (readable once it exits), -1 if the kernel has none
    pid_t pid;
    bool reaped;    // waitpid has returned the child's status
    bool closed;    // process_close ran (HashLink closes the pipes only once)
};

// The heap block Haxe holds (`abs<hl_process>`).
struct ProcessHandle {
    ProcessState* state;
};

void close_fd(int& fd) {
    if (fd >= 0) close(fd);
    fd = -1;
}

void close_pipes(ProcessState* s) {
    close_fd(s->in_fd);
    close_fd(s->out_fd);
    close_fd(s->err_fd);
}

// Runs once: after the collection that frees the handle, or when the VM unloads.
void finalize(void* data) {
    auto* s = static_cast<ProcessState*>(data);
    close_pipes(s);
    close_fd(s->pid_fd);
    if (!s->reaped && waitpid(s->pid, nullptr, WNOHANG) == 0) {
        kill(s->pid, SIGKILL);
        while (waitpid(s->pid, nullptr, 0) < 0 && errno == EINTR) {
        }
    }
    delete s;
}

ProcessState* state_of(const ProcessHandle* h) { return h != nullptr ? h->state : nullptr; }

// pidfd_open(2) through syscall(): bookworm's <sys/pidfd.h> lacks C++ linkage. -1 on kernels
// without it (the exit is then polled).
int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
    return static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
#else
    (void)pid;
    return -1;
#endif
}

void close_both(int fds[2]) {
    close_fd(fds[0]);
    close_fd(fds[1]);
}

// In the child, between fork and exec: only async-signal-safe calls. Makes `from` the
// descriptor `to`, open across exec (dup2 clears close-on-exec; when the pipe already got that
// number, the flag is cleared by hand).
void move_fd(int from, int to) {
    if (from == to) fcntl(to, F_SETFD, 0);
    else dup2(from, to);
}

// The exit status as HashLink reports it: the exit code, 0x40000000 | signal for a child killed
// by a signal, -2 for anything else.
int32_t decode_status(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 0x40000000 | WTERMSIG(status);
    return -2;
}

ProcessHandle* process_run(Ctx& c, char* cmd, VArray* args, bool) {
    if (cmd == nullptr) return nullptr;
    // Everything the child needs is prepared here: after fork it may not allocate.
    std::vector<std::string> words;
    if (args == nullptr) {
        words = {"/bin/sh", "-c", cmd};
    } else {
        if (args->at == nullptr || args->at->kind != TypeKind::Bytes) return nullptr;
        words.emplace_back(cmd);
        for (int32_t i = 0; i < args->size; i++) {
            const char* a = args->data<char*>()[i];
            words.emplace_back(a != nullptr ? a : "");
        }
    }
    std::vector<char*> argv;
    for (std::string& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    std::string not_found = std::string("Command not found : ") + cmd + "\n";

    int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1};
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
        close_both(in);
        close_both(out);
        close_both(err);
        return nullptr;
    }
    auto* h = static_cast<ProcessHandle*>(alloc_noscan(c, sizeof(ProcessHandle)));
    auto* s = h != nullptr ? new (std::nothrow) ProcessState{-1, -1, -1, -1, -1, false, false} : nullptr;
    pid_t pid = s != nullptr ? fork() : -1;
    if (pid == 0) {
        move_fd(in[0], 0);
        move_fd(out[1], 1);
        move_fd(err[1], 2);
        // glibc's execvp searches PATH with stack buffers only (no malloc), so it is safe here.
        execvp(argv[0], argv.data());
        ssize_t ignored = write(2, not_found.data(), not_found.size());
        (void)ignored;
        _exit(1);
    }
    close_fd(in[0]);
    close_fd(out[1]);
    close_fd(err[1]);
    if (pid < 0) {
        close_both(in);
        close_both(out);
        close_both(err);
        delete s;
        if (h != nullptr && s == nullptr) raise_message(c, "Out of memory");
        return nullptr;
    }
    for (int fd : {in[1], out[0], err[0]}) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    *s = ProcessState{in[1], out[0], err[0], open_pidfd(pid), pid, false, false};
    if (s->pid_fd >= 0) fcntl(s->pid_fd, F_SETFD, FD_CLOEXEC);
    h->state = s;
    register_finalizer(c, h, finalize, s);
    return h;
}

// Reads what the pipe has (at least one byte, waiting for it); -1 at end of file or on error.
int32_t read_pipe(Ctx& c, ProcessHandle* h, bool stdout_pipe, uint8_t* buf, int32_t pos, int32_t len) {
    if (state_of(h) == nullptr || buf == nullptr || pos < 0 || len <= 0) return -1;
    RootGuard keep_handle(c, &h);
    RootGuard keep_buffer(c, &buf);
    for (;;) {
        int fd = stdout_pipe ? h->state->out_fd : h->state->err_fd;
        if (fd < 0) return -1;
        ssize_t r = read(fd, buf + pos, static_cast<size_t>(len));
        if (r > 0) return static_cast<int32_t>(r);
        if (r == 0) return -1;
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
        pollfd p{fd, POLLIN, 0};
        if (wait_fds(c, &p, 1, -1) < 0) return -1;
    }
}

int32_t process_stdout_read(Ctx& c, ProcessHandle* h, uint8_t* buf, int32_t pos, int32_t len) {
    return read_pipe(c, h, true, buf, pos, len);
}

int32_t process_stderr_read(Ctx& c, ProcessHandle* h, uint8_t* buf, int32_t pos, int32_t len) {
    return read_pipe(c, h, false, buf, pos, len);
}

// write(2) on a pipe whose reader is gone raises SIGPIPE, which would end the host process: the
// signal is blocked for this thread around the call and a SIGPIPE it caused is taken back.
ssize_t write_no_sigpipe(int fd, const void* data, size_t n) {
    sigset_t pipe_set, old, pending;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    sigpending(&pending);
    bool was_pending = sigismember(&pending, SIGPIPE) == 1;
    ssize_t r = write(fd, data, n);
    int saved = errno;
    if (r < 0 && saved == EPIPE && !was_pending) {
        timespec zero{0, 0};
        while (sigtimedwait(&pipe_set, nullptr, &zero) < 0 && errno == EINTR) {
        }
    }
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    errno = saved;
    return r;
}

// Writes everything, waiting while the pipe is full (as a blocking write does); the count
// written, or -1 when nothing could be.
int32_t process_stdin_write(Ctx& c, ProcessHandle* h, uint8_t* buf, int32_t pos, int32_t len) {
    if (state_of(h) == nullptr || buf == nullptr || pos < 0 || len < 0) return -1;
    RootGuard keep_handle(c, &h);
    RootGuard keep_buffer(c, &buf);
    int32_t done = 0;
    while (done < len) {
        int fd = h->state->in_fd;
        if (fd < 0) break;
        ssize_t r = write_no_sigpipe(fd, buf + pos + done, static_cast<size_t>(len - done));
        if (r > 0) {
            done += static_cast<int32_t>(r);
            continue;
        }
        if (r < 0 && errno == EINTR) continue;
        if (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK) break;
        pollfd p{fd, POLLOUT, 0};
        if (wait_fds(c, &p, 1, -1) < 0) return -1;
    }
    return done > 0 || len == 0 ? done : -1;
}

// False when the pipe was already closed (HashLink's close(-1) fails the same way).
bool process_stdin_close(Ctx&, ProcessHandle* h) {
    ProcessState* s = state_of(h);
    if (s == nullptr || s->in_fd < 0) return false;
    bool ok = close(s->in_fd) == 0;
    s->in_fd = -1;
    return ok;
}

// Polls for the child's exit. True once it exited (its status decoded into *code).
bool poll_exit(ProcessState* s, int32_t* code) {
    int status = 0;
    pid_t r;
    do r = waitpid(s->pid, &status, WNOHANG);
    while (r < 0 && errno == EINTR);
    if (r == 0) return false;
    s->reaped = true;
    *code = r == s->pid ? decode_status(status) : -1;
    return true;
}

// With `running` null: waits for the child and returns its status (-1 when it cannot be waited
// for, e.g. a second time). With a ref: does not wait; *running tells whether it still runs.
int32_t process_exit(Ctx& c, ProcessHandle* h, bool* running) {
    if (state_of(h) == nullptr) return -1;
    if (running != nullptr) *running = false;
    if (h->state->reaped) return running != nullptr ? 0 : -1;
    int32_t code = -1;
    if (running != nullptr) {
        if (poll_exit(h->state, &code)) return code;
        *running = true;
        return 0;
    }
    RootGuard keep_handle(c, &h);
    double backoff = 0.001;
    while (!poll_exit(h->state, &code)) {
        // Without a pidfd (older kernels), poll the status with a growing pause.
        pollfd p{h->state->pid_fd, POLLIN, 0};
        int r = p.fd >= 0 ? wait_fds(c, &p, 1, 1.0) : wait_fds(c, nullptr, 0, backoff);
        if (r < 0) return -1;
        if (backoff < 0.02) backoff *= 2;
        if (h->state->reaped) return -1;  // another thread took the status meanwhile
    }
    return code;
}

int32_t process_pid(Ctx&, ProcessHandle* h) {
    ProcessState* s = state_of(h);
    return s != nullptr ? static_cast<int32_t>(s->pid) : -1;
}

void process_close(Ctx&, ProcessHandle* h) {
    ProcessState* s = state_of(h);
    if (s == nullptr || s->closed) return;
    s->closed = true;
    close_pipes(s);
}

// A reaped child's pid may already belong to another process: it is not signalled.
void process_kill(Ctx&, ProcessHandle* h) {
    ProcessState* s = state_of(h);
    if (s != nullptr && !s->reaped) kill(s->pid, SIGKILL);
}

constexpr NativeDef kProcessNatives[] = {
    HLFFI_NATIVE("process_run", process_run),
    HLFFI_NATIVE("process_stdout_read", process_stdout_read),
    HLFFI_NATIVE("process_stderr_read", process_stderr_read),
    HLFFI_NATIVE("process_stdin_write", process_stdin_write),
    HLFFI_NATIVE("process_stdin_close", process_stdin_close),
    HLFFI_NATIVE("process_exit", process_exit),
    HLFFI_NATIVE("process_pid", process_pid),
    HLFFI_NATIVE("process_close", process_close),
    HLFFI_NATIVE("process_kill", process_kill),
};

}  // namespace

std::span<const NativeDef> natives_process() { return kProcessNatives; }

}  // namespace hlffi::rt
