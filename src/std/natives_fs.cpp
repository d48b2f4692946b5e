// std layer: file-system natives of Sys/FileSystem (natives.md §9.1): cwd, stat, directories,
// rename/delete, full paths, commands. Paths cross as NUL-terminated UTF-8.
#include <dirent.h>
#include <limits.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "std/sys_internal.h"

extern char** environ;  // <unistd.h> declares it only with _GNU_SOURCE

namespace hlffi::rt::sys {

char* heap_cstring(Ctx& c, const char* s, size_t len) {
    auto* out = static_cast<char*>(alloc_noscan(c, len + 1));
    if (out) std::memcpy(out, s, len);
    return out;
}

namespace {
char* heap_cstring(Ctx& c, const std::string& s) { return sys::heap_cstring(c, s.data(), s.size()); }
}  // namespace

// The current directory with a trailing '/' (HashLink's 256-byte buffer: longer paths fail).
char* sys_get_cwd(Ctx& c) {
    char buf[256];
    if (!getcwd(buf, sizeof(buf))) return nullptr;
    std::string s(buf);
    if (s.empty() || s.back() != '/') s += '/';
    return heap_cstring(c, s);
}

bool sys_set_cwd(Ctx&, char* dir) { return dir && chdir(dir) == 0; }

bool sys_exists(Ctx&, char* path) {
    struct stat st;
    return path && stat(path, &st) == 0;
}

bool sys_delete(Ctx&, char* path) { return path && unlink(path) == 0; }
bool sys_rename(Ctx&, char* path, char* to) { return path && to && std::rename(path, to) == 0; }

// [gid, uid, atime, mtime, ctime, size, dev, ino, nlink, rdev, mode] as i32 (12 slots, 11 used).
VArray* sys_stat(Ctx& c, char* path) {
    struct stat s;
    if (!path || stat(path, &s) != 0) return nullptr;
    VArray* a = alloc_array(c, builtin_type(c, TypeKind::I32), 12);
    if (!a) return nullptr;
    int32_t* out = a->data<int32_t>();
    const long long fields[] = {s.st_gid, s.st_uid, s.st_atime, s.st_mtime, s.st_ctime, s.st_size,
                                static_cast<long long>(s.st_dev), static_cast<long long>(s.st_ino),
                                static_cast<long long>(s.st_nlink), static_cast<long long>(s.st_rdev), s.st_mode};
    for (long long f : fields) *out++ = static_cast<int32_t>(f);
    return a;
}

bool sys_is_dir(Ctx&, char* path) {
    struct stat s;
    return path && stat(path, &s) == 0 && (s.st_mode & S_IFDIR) != 0;
}

bool sys_create_dir(Ctx&, char* path, int32_t mode) { return path && mkdir(path, static_cast<mode_t>(mode)) == 0; }
bool sys_remove_dir(Ctx&, char* path) { return path && rmdir(path) == 0; }

// Entry names in readdir order without "." and ".."; null when the directory cannot be opened.
VArray* sys_read_dir(Ctx& c, char* path) {
    if (!path) return nullptr;
    DIR* d = opendir(path);
    if (!d) return nullptr;
    std::vector<std::string> names;
    while (struct dirent* e = readdir(d)) {
        const char* n = e->d_name;
        if (n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0))) continue;
        names.emplace_back(n);
    }
    closedir(d);
    VArray* a = alloc_array(c, builtin_type(c, TypeKind::Bytes), static_cast<int32_t>(names.size()));
    if (!a) return nullptr;
    RootGuard g(c, &a);
    for (size_t i = 0; i < names.size(); i++) {
        char* s = heap_cstring(c, names[i]);
        if (!s) return nullptr;
        a->data<char*>()[i] = s;
    }
    return a;
}

char* sys_full_path(Ctx& c, char* path) {
    char buf[PATH_MAX];
    if (!path || !realpath(path, buf)) return nullptr;
    return heap_cstring(c, std::string(buf));
}

// 1.16: /proc/self/exe, falling back to $_ (for an embedded VM: the host executable).
char* sys_exe_path(Ctx& c) {
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    if (n > 0) return heap_cstring(c, buf, static_cast<size_t>(n));
    const char* u = std::getenv("_");
    return u ? heap_cstring(c, std::string(u)) : nullptr;
}

namespace {
struct Child {
    pid_t pid;
    int status = 0;
};
// Polled by wait_until with the VM lock held: true once the shell has ended (status filled in).
bool child_ended(void* data) {
    auto* child = static_cast<Child*>(data);
    pid_t r;
    do r = waitpid(child->pid, &child->status, WNOHANG);
    while (r < 0 && errno == EINTR);
    return r != 0;  // its pid, or -1 when it can no longer be waited for
}
}  // namespace

// Sys.command: what system() does (`/bin/sh -c cmd`, the exit code encoded as HashLink encodes
// it), but the wait for the shell is a VM wait (HashLink runs system() as a blocking section): the
// VM lock is released, so other Haxe threads run, the VM thread serves queued host calls, and an
// interrupt or unloading ends the wait, killing the shell so that no child outlives the VM.
// Unlike system(), SIGINT and SIGQUIT are not ignored meanwhile.
int32_t sys_command(Ctx& c, char* cmd) {
    if (!cmd) return -1;
    char shell[] = "/bin/sh";
    char flag[] = "-c";
    char* argv[] = {shell, flag, cmd, nullptr};  // posix_spawn copies them for the child
    Child child{};
    if (posix_spawn(&child.pid, shell, nullptr, nullptr, argv, environ) != 0) child.status = -1;
    else if (!wait_until(c, child_ended, &child) || has_exception(c)) {
        // Interrupted ("Interrupted" is raised), or a host call served meanwhile threw.
        kill(child.pid, SIGKILL);
        while (waitpid(child.pid, nullptr, 0) < 0 && errno == EINTR) {
        }
        return -1;
    } else if (!child_ended(&child)) {
        // No VM lock to wait with (a context outside a run): block right here.
        while (waitpid(child.pid, &child.status, 0) < 0 && errno == EINTR) {
        }
    }
    return WEXITSTATUS(child.status) | (WTERMSIG(child.status) << 8);
}

}  // namespace hlffi::rt::sys
