// std layer: natives of sys.net.Socket, UdpSocket and Host (natives.md §9.4, HashLink 1.16
// socket.c): IPv4 TCP and UDP sockets and host names. Hosts are i32 in network byte order.
// Every descriptor is non-blocking underneath; a socket in Haxe's blocking mode (the default)
// waits for readiness through wait_fds, without the VM lock and within its timeouts, so that it
// behaves as a blocking socket with SO_RCVTIMEO/SO_SNDTIMEO does while other Haxe threads run.
// The VM owns its sockets: one the program drops, or still holds when the VM unloads, is closed
// by its handle's finalizer.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "std/std_natives.h"

namespace hlffi::rt {

namespace {

// Outside the heap, so that the finalizer can still reach it after the handle is collected.
struct SocketState {
    int fd;               // -1 once closed
    bool blocking;        // the mode Haxe sees
    double recv_timeout;  // seconds a blocking receive (or accept) waits; < 0: no limit
    double send_timeout;  // the same for send and connect
};

// The heap block Haxe holds (`abs<hl_socket>`).
struct SocketHandle {
    SocketState* state;
};

constexpr int32_t kWouldBlock = -1;  // would block or timed out (Haxe: Blocked)
constexpr int32_t kFailed = -2;      // error or connection closed (Haxe: Eof)

void finalize(void* data) {
    auto* s = static_cast<SocketState*>(data);
    if (s->fd >= 0) close(s->fd);
    delete s;
}

// The open descriptor of a handle, or -1 for a null or closed one.
int fd_of(const SocketHandle* h) { return h != nullptr ? h->state->fd : -1; }

int32_t block_error() {
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINPROGRESS || errno == EALREADY ? kWouldBlock : kFailed;
}

SocketHandle* make_handle(Ctx& c, int fd, bool blocking, double recv_timeout, double send_timeout) {
    auto* h = static_cast<SocketHandle*>(alloc_noscan(c, sizeof(SocketHandle)));
    auto* s = h != nullptr ? new (std::nothrow) SocketState{fd, blocking, recv_timeout, send_timeout} : nullptr;
    if (s == nullptr) {
        close(fd);
        if (h != nullptr) raise_message(c, "Out of memory");
        return nullptr;
    }
    h->state = s;
    register_finalizer(c, h, finalize, s);
    return h;
}

sockaddr_in ipv4(int32_t host, int32_t port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    std::memcpy(&a.sin_addr.s_addr, &host, sizeof(host));
    return a;
}

// Time left before `deadline` for wait_fds (< 0 = no limit).
using Clock = std::chrono::steady_clock;
struct Deadline {
    bool limited;
    Clock::time_point at;
};

Deadline deadline_after(double seconds) {
    if (seconds < 0) return {false, {}};
    return {true, Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds))};
}

double seconds_left(const Deadline& d) {
    if (!d.limited) return -1;
    double left = std::chrono::duration<double>(d.at - Clock::now()).count();
    return left > 0 ? left : 0;
}

// Waits for `events` on a blocking socket's descriptor: 1 ready, 0 timed out, -1 interrupted
// (an exception is pending).
int wait_ready(Ctx& c, int fd, short events, const Deadline& d) {
    double left = seconds_left(d);
    if (d.limited && left <= 0) return 0;
    pollfd p{fd, events, 0};
    int r = wait_fds(c, &p, 1, left);
    return r < 0 ? -1 : (r > 0 ? 1 : 0);
}

// One transfer as a blocking socket does it: `op` (a system call on the descriptor) is retried
// while it would block and time is left. `result` is op's, or -1 with errno EAGAIN after a
// timeout; `interrupted` means the VM is stopping (an exception is pending: return at once).
struct Transfer {
    ssize_t result;
    bool interrupted;
};

template <typename Op>
Transfer transfer(Ctx& c, SocketHandle*& h, short events, double timeout, Op op) {
    Deadline d = deadline_after(timeout);
    for (;;) {
        int fd = fd_of(h);  // again after each wait: another thread may have closed it
        if (fd < 0) {
            errno = EBADF;
            return {-1, false};
        }
        ssize_t r = op(fd);
        if (r >= 0) return {r, false};
        if (errno == EINTR) continue;
        if ((errno != EAGAIN && errno != EWOULDBLOCK) || !h->state->blocking) return {-1, false};
        int w = wait_ready(c, fd, events, d);
        if (w < 0) return {-1, true};
        if (w == 0) {
            errno = EAGAIN;
            return {-1, false};
        }
    }
}

void socket_init(Ctx&) {}

SocketHandle* socket_new(Ctx& c, bool udp) {
    int fd = socket(AF_INET, (udp ? SOCK_DGRAM : SOCK_STREAM) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return nullptr;
    return make_handle(c, fd, true, -1, -1);
}

void socket_close(Ctx&, SocketHandle* h) {
    if (fd_of(h) < 0) return;
    close(h->state->fd);
    h->state->fd = -1;
}

bool set_option(const SocketHandle* h, int level, int name, bool on) {
    int v = on ? 1 : 0;
    int fd = fd_of(h);
    return fd >= 0 && setsockopt(fd, level, name, &v, sizeof(v)) == 0;
}

bool socket_set_broadcast(Ctx&, SocketHandle* h, bool b) { return set_option(h, SOL_SOCKET, SO_BROADCAST, b); }
bool socket_set_fast_send(Ctx&, SocketHandle* h, bool b) { return set_option(h, IPPROTO_TCP, TCP_NODELAY, b); }

// Sends all of [data, data + len) in blocking mode (unless the timeout cuts it short: then the
// part sent), or what goes at once in non-blocking mode. `data` is a heap buffer or C memory.
int32_t send_all(Ctx& c, SocketHandle* h, const uint8_t* data, int32_t len) {
    if (fd_of(h) < 0) return kFailed;
    RootGuard keep_handle(c, &h);
    RootGuard keep_data(c, &data);
    Deadline d = deadline_after(h->state->send_timeout);
    int32_t sent = 0;
    do {
        if (sent > 0 && d.limited && seconds_left(d) <= 0) break;
        Transfer t = transfer(c, h, POLLOUT, seconds_left(d),
                              [&](int fd) { return send(fd, data + sent, static_cast<size_t>(len - sent), MSG_NOSIGNAL); });
        if (t.interrupted) return kFailed;
        if (t.result < 0) return sent > 0 ? sent : block_error();
        sent += static_cast<int32_t>(t.result);
    } while (sent < len && h->state->blocking);
    return sent;
}

int32_t socket_send(Ctx& c, SocketHandle* h, uint8_t* buf, int32_t pos, int32_t len) {
    if (buf == nullptr || pos < 0 || len < 0) return kFailed;
    return send_all(c, h, buf + pos, len);
}

int32_t socket_send_char(Ctx& c, SocketHandle* h, int32_t ch) {
    uint8_t byte = static_cast<uint8_t>(ch);
    return send_all(c, h, &byte, 1);
}

// Receives what is there (at least one byte in blocking mode, waiting within the timeout);
// 0 when the peer closed the connection.
int32_t socket_recv(Ctx& c, SocketHandle* h, uint8_t* buf, int32_t pos, int32_t len) {
    if (fd_of(h) < 0 || buf == nullptr || pos < 0 || len < 0) return kFailed;
    RootGuard keep_handle(c, &h);
    RootGuard keep_buffer(c, &buf);
    Transfer t = transfer(c, h, POLLIN, h->state->recv_timeout,
                          [&](int fd) { return recv(fd, buf + pos, static_cast<size_t>(len), MSG_NOSIGNAL); });
    if (t.interrupted) return kFailed;
    return t.result < 0 ? block_error() : static_cast<int32_t>(t.result);
}

// One byte 0..255; -2 at the end of the stream.
int32_t socket_recv_char(Ctx& c, SocketHandle* h) {
    if (fd_of(h) < 0) return kFailed;
    RootGuard keep_handle(c, &h);
    unsigned char byte = 0;
    Transfer t = transfer(c, h, POLLIN, h->state->recv_timeout, [&](int fd) { return recv(fd, &byte, 1, MSG_NOSIGNAL); });
    if (t.interrupted) return kFailed;
    if (t.result < 0) return block_error();
    return t.result == 0 ? kFailed : byte;
}

struct Lookup {
    std::string name;
    in_addr_t addr;
    bool found;
};

void lookup_name(void* data) {
    auto* l = static_cast<Lookup*>(data);
    hostent entry{}, *result = nullptr;
    std::vector<char> buf(16384);
    int err = 0;
    gethostbyname_r(l->name.c_str(), &entry, buf.data(), buf.size(), &result, &err);
    l->found = result != nullptr && result->h_addrtype == AF_INET && result->h_addr_list[0] != nullptr;
    if (l->found) std::memcpy(&l->addr, result->h_addr_list[0], sizeof(l->addr));
}

// Dotted text (inet_addr's forms: "127.1", "0x7f.0.0.1" too), else a name lookup; -1 if unknown
// (so "255.255.255.255" is -1 as well, as in HashLink).
int32_t host_resolve(Ctx& c, char* name) {
    if (name == nullptr) return -1;
    in_addr_t ip = inet_addr(name);
    if (ip == INADDR_NONE) {
        Lookup l{name, 0, false};
        run_unlocked(c, lookup_name, &l);
        if (!l.found) return -1;
        ip = l.addr;
    }
    int32_t out;
    std::memcpy(&out, &ip, sizeof(out));
    return out;
}

char* heap_text(Ctx& c, const char* s) {
    size_t n = std::strlen(s);
    auto* out = static_cast<char*>(alloc_noscan(c, n + 1));
    if (out != nullptr) std::memcpy(out, s, n + 1);
    return out;
}

char* host_to_string(Ctx& c, int32_t ip) {
    in_addr a{};
    std::memcpy(&a.s_addr, &ip, sizeof(ip));
    char text[INET_ADDRSTRLEN];
    if (inet_ntop(AF_INET, &a, text, sizeof(text)) == nullptr) return nullptr;
    return heap_text(c, text);
}

struct Reverse {
    in_addr_t addr;
    std::string name;
    bool found;
};

void lookup_address(void* data) {
    auto* r = static_cast<Reverse*>(data);
    hostent entry{}, *result = nullptr;
    std::vector<char> buf(16384);
    int err = 0;
    gethostbyaddr_r(&r->addr, sizeof(r->addr), AF_INET, &entry, buf.data(), buf.size(), &result, &err);
    r->found = result != nullptr && result->h_name != nullptr;
    if (r->found) r->name = result->h_name;
}

char* host_reverse(Ctx& c, int32_t ip) {
    Reverse r{0, {}, false};
    std::memcpy(&r.addr, &ip, sizeof(ip));
    run_unlocked(c, lookup_address, &r);
    return r.found ? heap_text(c, r.name.c_str()) : nullptr;
}

char* host_local(Ctx& c) {
    char buf[256];
    if (gethostname(buf, sizeof(buf)) != 0) return nullptr;
    buf[sizeof(buf) - 1] = 0;
    return heap_text(c, buf);
}

// A blocking connect waits for the outcome within the send timeout; when that runs out it
// answers true, as HashLink does for a connect still in progress.
bool socket_connect(Ctx& c, SocketHandle* h, int32_t host, int32_t port) {
    int fd = fd_of(h);
    if (fd < 0) return false;
    sockaddr_in a = ipv4(host, port);
    int r;
    do r = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a));
    while (r != 0 && errno == EINTR);
    if (r == 0) return true;
    if (errno != EINPROGRESS) return block_error() == kWouldBlock;
    if (!h->state->blocking) return true;
    RootGuard keep_handle(c, &h);
    int w = wait_ready(c, fd, POLLOUT, deadline_after(h->state->send_timeout));
    if (w < 0) return false;
    if (w == 0) return true;
    int err = 0;
    socklen_t len = sizeof(err);
    if (fd_of(h) != fd || getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) return false;
    if (err == 0) return true;
    errno = err;
    return block_error() == kWouldBlock;
}

bool socket_listen(Ctx&, SocketHandle* h, int32_t n) {
    int fd = fd_of(h);
    return fd >= 0 && listen(fd, n) == 0;
}

bool socket_bind(Ctx&, SocketHandle* h, int32_t host, int32_t port) {
    int fd = fd_of(h);
    if (fd < 0) return false;
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    sockaddr_in a = ipv4(host, port);
    return bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0;
}

// A new connection (blocking, with the listener's timeouts, as Linux gives them), or null when
// none comes in time or on error.
SocketHandle* socket_accept(Ctx& c, SocketHandle* h) {
    if (fd_of(h) < 0) return nullptr;
    RootGuard keep_handle(c, &h);
    Transfer t = transfer(c, h, POLLIN, h->state->recv_timeout, [](int listener) {
        return static_cast<ssize_t>(accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
    });
    if (t.result < 0) return nullptr;
    return make_handle(c, static_cast<int>(t.result), true, h->state->recv_timeout, h->state->send_timeout);
}

bool address_of(const SocketHandle* h, bool peer, int32_t* host, int32_t* port) {
    int fd = fd_of(h);
    if (fd < 0) return false;
    sockaddr_in a{};
    socklen_t len = sizeof(a);
    int r = peer ? getpeername(fd, reinterpret_cast<sockaddr*>(&a), &len) : getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    if (r != 0) return false;
    if (host != nullptr) std::memcpy(host, &a.sin_addr.s_addr, sizeof(*host));
    if (port != nullptr) *port = ntohs(a.sin_port);
    return true;
}

bool socket_peer(Ctx&, SocketHandle* h, int32_t* host, int32_t* port) { return address_of(h, true, host, port); }
bool socket_host(Ctx&, SocketHandle* h, int32_t* host, int32_t* port) { return address_of(h, false, host, port); }

// The timeout as HashLink hands it to setsockopt (whole seconds and microseconds, truncated) and
// as Linux reads it: 0 means no limit, a negative second count means "do not wait", and
// microseconds outside 0..999999 are refused (false).
bool socket_set_timeout(Ctx&, SocketHandle* h, double t) {
    if (fd_of(h) < 0) return false;
    if (std::isnan(t) || std::fabs(t) >= 2147483648.0) return false;
    auto sec = static_cast<int32_t>(t);
    auto usec = static_cast<int32_t>((t - sec) * 1000000);
    if (usec < 0 || usec >= 1000000) return false;
    double limit = sec == 0 && usec == 0 ? -1 : (sec < 0 ? 0 : sec + usec / 1e6);
    h->state->recv_timeout = h->state->send_timeout = limit;
    return true;
}

bool socket_shutdown(Ctx&, SocketHandle* h, bool r, bool w) {
    int fd = fd_of(h);
    if (fd < 0) return false;
    if (!r && !w) return true;
    return shutdown(fd, r ? (w ? SHUT_RDWR : SHUT_RD) : SHUT_WR) == 0;
}

bool socket_set_blocking(Ctx&, SocketHandle* h, bool b) {
    if (fd_of(h) < 0) return false;
    h->state->blocking = b;
    return true;
}

int32_t socket_send_to(Ctx& c, SocketHandle* h, uint8_t* data, int32_t len, int32_t host, int32_t port) {
    if (fd_of(h) < 0 || data == nullptr || len < 0) return kFailed;
    RootGuard keep_handle(c, &h);
    RootGuard keep_data(c, &data);
    sockaddr_in a = ipv4(host, port);
    Transfer t = transfer(c, h, POLLOUT, h->state->send_timeout, [&](int fd) {
        return sendto(fd, data, static_cast<size_t>(len), MSG_NOSIGNAL, reinterpret_cast<sockaddr*>(&a), sizeof(a));
    });
    if (t.interrupted) return kFailed;
    return t.result < 0 ? block_error() : static_cast<int32_t>(t.result);
}

int32_t socket_recv_from(Ctx& c, SocketHandle* h, uint8_t* data, int32_t len, int32_t* host, int32_t* port) {
    if (fd_of(h) < 0 || data == nullptr || len < 0) return kFailed;
    RootGuard keep_handle(c, &h);
    RootGuard keep_data(c, &data);
    sockaddr_in from{};
    Transfer t = transfer(c, h, POLLIN, h->state->recv_timeout, [&](int fd) {
        socklen_t flen = sizeof(from);
        return recvfrom(fd, data, static_cast<size_t>(len), MSG_NOSIGNAL, reinterpret_cast<sockaddr*>(&from), &flen);
    });
    if (t.interrupted) return kFailed;
    if (t.result < 0) return block_error();
    if (host != nullptr) std::memcpy(host, &from.sin_addr.s_addr, sizeof(*host));
    if (port != nullptr) *port = ntohs(from.sin_port);
    return static_cast<int32_t>(t.result);
}

// Scratch size HashLink's select needs per array (one fd_set); -1 beyond FD_SETSIZE sockets.
int32_t socket_fd_size(Ctx&, int32_t count) { return count > FD_SETSIZE ? -1 : static_cast<int32_t>(sizeof(fd_set)); }

// The sockets of a select array, up to its first null entry.
int32_t used_length(VArray* a) {
    if (a == nullptr) return 0;
    int32_t n = 0;
    while (n < a->size && a->data<SocketHandle*>()[n] != nullptr) n++;
    return n;
}

// Keeps the first `n` sockets of `a` that are ready at its front, then a null entry if there is
// room (HashLink's make_array_result).
void keep_ready(VArray* a, int32_t n, const pollfd* fds, short ready_mask) {
    if (a == nullptr) return;
    auto** items = a->data<SocketHandle*>();
    int32_t kept = 0;
    for (int32_t i = 0; i < n && i < a->size; i++)
        if ((fds[i].revents & ready_mask) != 0) items[kept++] = items[i];
    if (kept < a->size) items[kept] = nullptr;
}

// select(2) over poll(2): readable as select counts it (data, a pending connection, hang-up or
// error), writable (room or error), exceptional (urgent data). False when the scratch buffer is
// smaller than HashLink requires, or for a socket closed underneath.
bool socket_select(Ctx& c, VArray* ra, VArray* wa, VArray* ea, uint8_t*, int32_t tmp_size, double timeout) {
    VArray* arrays[3] = {ra, wa, ea};
    for (VArray* a : arrays) {
        if (a == nullptr) continue;
        int32_t req = socket_fd_size(c, a->size);
        if (tmp_size < req) return false;
        tmp_size -= req;
    }
    RootGuard k0(c, &arrays[0]), k1(c, &arrays[1]), k2(c, &arrays[2]);
    constexpr short kAsked[3] = {POLLIN, POLLOUT, POLLPRI};
    constexpr short kReady[3] = {POLLIN | POLLHUP | POLLERR, POLLOUT | POLLERR, POLLPRI};
    std::vector<pollfd> fds;
    int32_t counts[3];
    for (int k = 0; k < 3; k++) {
        counts[k] = used_length(arrays[k]);
        for (int32_t i = 0; i < counts[k]; i++) fds.push_back({fd_of(arrays[k]->data<SocketHandle*>()[i]), kAsked[k], 0});
    }
    if (wait_fds(c, fds.data(), static_cast<int>(fds.size()), timeout < 0 ? -1 : timeout) < 0) return false;
    for (const pollfd& p : fds)
        if ((p.revents & POLLNVAL) != 0) return false;
    size_t base = 0;
    for (int k = 0; k < 3; k++) {
        keep_ready(arrays[k], counts[k], fds.data() + base, kReady[k]);
        base += static_cast<size_t>(counts[k]);
    }
    return true;
}

constexpr NativeDef kSocketNatives[] = {
    HLFFI_NATIVE("socket_init", socket_init),
    HLFFI_NATIVE("socket_new", socket_new),
    HLFFI_NATIVE("socket_close", socket_close),
    HLFFI_NATIVE("socket_set_broadcast", socket_set_broadcast),
    HLFFI_NATIVE("socket_set_fast_send", socket_set_fast_send),
    HLFFI_NATIVE("socket_send", socket_send),
    HLFFI_NATIVE("socket_send_char", socket_send_char),
    HLFFI_NATIVE("socket_recv", socket_recv),
    HLFFI_NATIVE("socket_recv_char", socket_recv_char),
    HLFFI_NATIVE("host_resolve", host_resolve),
    HLFFI_NATIVE("host_to_string", host_to_string),
    HLFFI_NATIVE("host_reverse", host_reverse),
    HLFFI_NATIVE("host_local", host_local),
    HLFFI_NATIVE("socket_connect", socket_connect),
    HLFFI_NATIVE("socket_listen", socket_listen),
    HLFFI_NATIVE("socket_bind", socket_bind),
    HLFFI_NATIVE("socket_accept", socket_accept),
    HLFFI_NATIVE("socket_peer", socket_peer),
    HLFFI_NATIVE("socket_host", socket_host),
    HLFFI_NATIVE("socket_set_timeout", socket_set_timeout),
    HLFFI_NATIVE("socket_shutdown", socket_shutdown),
    HLFFI_NATIVE("socket_set_blocking", socket_set_blocking),
    HLFFI_NATIVE("socket_send_to", socket_send_to),
    HLFFI_NATIVE("socket_recv_from", socket_recv_from),
    HLFFI_NATIVE("socket_fd_size", socket_fd_size),
    HLFFI_NATIVE("socket_select", socket_select),
};

}  // namespace

std::span<const NativeDef> natives_socket() { return kSocketNatives; }

}  // namespace hlffi::rt
