/* api layer (public, C++20): hlffi.hpp, a header-only C++ wrapper over the C API of hlffi.h.
 *
 *   hlffi::Vm vm;                                   // hlffi_create (+ hlffi_destroy at scope end)
 *   vm.init().load("game.hl").call_entry();
 *   int s = vm.call<int>("Main", "add", 1, 2);     // C++ arguments become Haxe values
 *   auto add = vm.function<int(int, int)>("Main", "add");   // resolved and checked once
 *   int t = add(3, 4);
 *   vm.callback("log", [](std::string s) { std::puts(s.c_str()); });   // a lambda Haxe can call
 *   hlffi::Value p = vm.new_instance("Player", "hero");
 *   p.set("hp", 90);  int hp = p.get<int>("hp");  p.call("hit", 5);
 *
 * Failures throw: hlffi::HaxeException when the Haxe code ends with an uncaught exception
 * (message() and haxe_stack()), hlffi::Error (code() and what()) for every other failure.
 *
 * Lifetimes: a Value, Function or Method must not outlive the Vm it came from (as in the C API,
 * where handles die with their VM). After vm.close() they are stale: using one throws
 * Error(HLFFI_ERROR_STALE_HANDLE); destroying one is fine.
 *
 * Conversions (C++ -> Haxe): bool -> Bool; integers -> Int (out of Int's 32-bit range: Error
 * INVALID_ARGUMENT); float -> Single; double -> Float; const char* / std::string /
 * std::string_view -> String (a null const char* gives null); nullptr and std::nullopt -> null;
 * std::optional<T> -> T or null; std::vector<T> -> Array<T>; std::map / std::unordered_map<K, V>
 * -> Map<K, V> (IntMap, StringMap or ObjectMap by key type); Value -> itself. Anything passed to
 * Haxe is then converted to the parameter's type by Haxe's rules (Int -> Float, boxing).
 * Haxe -> C++ (Value::as<T>): the same types back; numbers convert between each other as
 * hlffi_value_as_* do; std::string gives the text of any value (Std.string); a null read as a
 * non-optional type, or a value of the wrong kind, throws Error(TYPE_MISMATCH / NULL_VALUE).
 *
 * Threads: a Vm follows the C API's rules (one host thread at a time in non-threaded mode).
 */
#ifndef HLFFI_HPP
#define HLFFI_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "hlffi.h"

namespace hlffi {

/* A failure other than a Haxe exception: the C API's error code and the VM's message. */
class Error : public std::runtime_error {
public:
    Error(hlffi_error_code code, const std::string& message) : std::runtime_error(message), code_(code) {}
    hlffi_error_code code() const noexcept { return code_; }

private:
    hlffi_error_code code_;
};

/* An uncaught Haxe exception that ended a call: what() and message() give Std.string of the
 * thrown value, haxe_stack() its Haxe stack ("Called from ..." lines, innermost first). */
class HaxeException : public std::runtime_error {
public:
    HaxeException(std::string message, std::string stack)
        : std::runtime_error(message), message_(std::move(message)), stack_(std::move(stack)) {}
    const std::string& message() const noexcept { return message_; }
    const std::string& haxe_stack() const noexcept { return stack_; }

private:
    std::string message_;
    std::string stack_;
};

class Value;
class Vm;

namespace detail {

/* Throws what the VM recorded for a failed call. The recorded Haxe exception moves into the C++
 * exception (and is cleared on the VM, so that it is reported once). */
[[noreturn]] inline void throw_error(hlffi_vm* vm, hlffi_error_code code) {
    if (code == HLFFI_ERROR_EXCEPTION_THROWN && hlffi_has_exception(vm)) {
        std::string message = hlffi_get_exception_message(vm);
        std::string stack = hlffi_get_exception_stack(vm);
        hlffi_clear_exception(vm);
        throw HaxeException(std::move(message), std::move(stack));
    }
    if (code == HLFFI_OK) code = HLFFI_ERROR_UNKNOWN;  // a function failed without saying why
    const char* text = vm != nullptr ? hlffi_get_error(vm) : "";
    throw Error(code, text != nullptr && *text != '\0' ? text : hlffi_get_error_string(code));
}

[[noreturn]] inline void throw_last(hlffi_vm* vm) { throw_error(vm, vm == nullptr ? HLFFI_ERROR_NULL_VM : hlffi_get_last_error(vm)); }

/* After a call whose NULL result may mean success (Void): throws when the VM recorded a failure. */
inline void check_last(hlffi_vm* vm) {
    hlffi_error_code code = vm == nullptr ? HLFFI_ERROR_NULL_VM : hlffi_get_last_error(vm);
    if (code != HLFFI_OK) throw_error(vm, code);
}

inline void check(hlffi_vm* vm, hlffi_error_code code) {
    if (code != HLFFI_OK) throw_error(vm, code);
}

/* A malloc'd C string as std::string (freed); nullopt for NULL. */
inline std::optional<std::string> take_string(char* s) {
    if (s == nullptr) return std::nullopt;
    std::string out(s);
    std::free(s);
    return out;
}

/* A NUL-terminated name from any string-like argument. */
class Name {
public:
    Name(const char* s) : p_(s) {}                       // NOLINT: implicit on purpose
    Name(const std::string& s) : p_(s.c_str()) {}        // NOLINT
    Name(std::string_view s) : own_(s), p_(own_.c_str()) {}  // NOLINT
    Name(const Name&) = delete;
    Name& operator=(const Name&) = delete;
    const char* c_str() const noexcept { return p_; }

private:
    std::string own_;
    const char* p_;
};

template <class T> inline constexpr bool always_false = false;

template <class T> struct is_vector : std::false_type {};
template <class T, class A> struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T> struct is_map : std::false_type {};
template <class K, class V, class C, class A> struct is_map<std::map<K, V, C, A>> : std::true_type {};
template <class K, class V, class H, class E, class A> struct is_map<std::unordered_map<K, V, H, E, A>> : std::true_type {};
template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};

template <class T> using bare = std::remove_cvref_t<T>;

template <class T> inline constexpr bool is_int_v = std::is_integral_v<bare<T>> && !std::is_same_v<bare<T>, bool>;
template <class T> inline constexpr bool is_float_v = std::is_floating_point_v<bare<T>>;
template <class T> inline constexpr bool is_string_v =
    std::is_same_v<bare<T>, std::string> || std::is_same_v<bare<T>, std::string_view>;
/* Strings going in only: char pointers and arrays too. */
template <class T> inline constexpr bool is_cstring_v =
    std::is_same_v<std::decay_t<T>, const char*> || std::is_same_v<std::decay_t<T>, char*>;

/* The Haxe type name of a C++ element/key/value type, for hlffi_find_type. */
template <class T> constexpr const char* haxe_type_name() {
    using U = bare<T>;
    if constexpr (std::is_same_v<U, bool>) return "Bool";
    else if constexpr (is_int_v<U>) return "Int";
    else if constexpr (std::is_same_v<U, float>) return "Single";
    else if constexpr (is_float_v<U>) return "Float";
    else if constexpr (is_string_v<U> || is_cstring_v<U>) return "String";
    else return "Dynamic";
}

/* The hlffi_arg_type a callback's argument or result of type T is declared with. */
template <class T> constexpr hlffi_arg_type arg_type() {
    using U = bare<T>;
    if constexpr (std::is_void_v<U>) return HLFFI_ARG_VOID;
    else if constexpr (std::is_same_v<U, bool>) return HLFFI_ARG_BOOL;
    else if constexpr (is_int_v<U> && sizeof(U) <= 4) return HLFFI_ARG_INT;
    else if constexpr (is_float_v<U>) return HLFFI_ARG_FLOAT;
    else if constexpr (is_string_v<U>) return HLFFI_ARG_STRING;
    else return HLFFI_ARG_DYNAMIC;
}

template <class T> Value to_value(hlffi_vm* vm, T&& x);
template <class T> T from_handle(hlffi_vm* vm, hlffi_value* v);

/* Keeps a call's arguments alive for its duration: Values are passed as they are (borrowed),
 * everything else is converted into a temporary Value. */
template <size_t N> struct Args;

}  // namespace detail

/* A Haxe value held by the host (a GC root while it lives). Move-only; frees its handle. */
class Value {
public:
    Value() noexcept = default;
    /* Adopts a handle of `vm` (freed by this Value). */
    Value(hlffi_vm* vm, hlffi_value* v) noexcept : vm_(vm), v_(v) {}
    ~Value() { reset(); }
    Value(Value&& o) noexcept : vm_(o.vm_), v_(std::exchange(o.v_, nullptr)) {}
    Value& operator=(Value&& o) noexcept {
        if (this != &o) {
            reset();
            vm_ = o.vm_;
            v_ = std::exchange(o.v_, nullptr);
        }
        return *this;
    }
    Value(const Value&) = delete;
    Value& operator=(const Value&) = delete;

    void reset() noexcept {
        if (v_ != nullptr) hlffi_value_free(std::exchange(v_, nullptr));
    }
    hlffi_value* handle() const noexcept { return v_; }
    hlffi_vm* vm() const noexcept { return vm_; }
    /* Gives up ownership: the caller frees the handle. */
    [[nodiscard]] hlffi_value* release() noexcept { return std::exchange(v_, nullptr); }
    /* True when this holds a handle (even one of a Haxe null). */
    explicit operator bool() const noexcept { return v_ != nullptr; }

    bool is_null() const noexcept { return hlffi_value_is_null(v_); }
    hlffi_type_kind kind() const noexcept { return hlffi_value_get_kind(v_); }
    /* The run-time type's name ("Player", "String", "i32"); "null" for null. */
    std::string type_name() const {
        const char* n = hlffi_type_get_name(hlffi_value_get_type(v_));
        return n != nullptr ? n : "null";
    }
    /* A second handle to the same Haxe value. */
    Value copy() const {
        need();
        hlffi_value* c = hlffi_value_copy(v_);
        if (c == nullptr) detail::throw_last(vm_);
        return Value(vm_, c);
    }

    /* The value as a C++ type (see the conversions at the top). */
    template <class T> T as() const { return detail::from_handle<T>(vm_, v_); }
    /* Std.string of the value ("null" for null). */
    std::string to_string() const {
        if (v_ == nullptr) throw Error(HLFFI_ERROR_NULL_VALUE, "the Value is empty");
        if (is_null()) return "null";
        return as<std::string>();
    }

    /* Field access on objects (class instances, anonymous objects). */
    Value get(detail::Name field) const {
        need();
        hlffi_value* f = hlffi_get_field(v_, field.c_str());
        if (f == nullptr) detail::throw_last(vm_);
        return Value(vm_, f);
    }
    template <class T> T get(detail::Name field) const { return get(field.c_str()).template as<T>(); }
    template <class T> void set(detail::Name field, T&& x) const;
    bool is_instance_of(detail::Name class_name) const { return hlffi_is_instance_of(v_, class_name.c_str()); }

    /* obj.method(args...): R is the result type (void ignores it; Value keeps it). */
    template <class R = Value, class... A> R call(detail::Name method, A&&... args) const;

private:
    void need() const {
        if (v_ == nullptr) throw Error(HLFFI_ERROR_NULL_VALUE, "the Value is empty");
    }

    hlffi_vm* vm_ = nullptr;
    hlffi_value* v_ = nullptr;
};

namespace detail {

template <size_t N> struct Args {
    std::array<Value, N> keep;
    std::array<hlffi_value*, N> raw{};
    size_t n = 0;
    template <class T> void add(hlffi_vm* vm, T&& x) {
        if constexpr (std::is_same_v<bare<T>, Value>) {
            raw[n++] = x.handle();  // borrowed; a handle of another VM is refused by the C API
        } else {
            keep[n] = to_value(vm, std::forward<T>(x));
            raw[n] = keep[n].handle();
            n++;
        }
    }
    hlffi_value** data() noexcept { return N == 0 ? nullptr : raw.data(); }
};

template <class... A> Args<sizeof...(A)> make_args(hlffi_vm* vm, A&&... args) {
    Args<sizeof...(A)> out;
    (out.add(vm, std::forward<A>(args)), ...);
    return out;
}

inline Value wrap(hlffi_vm* vm, hlffi_value* v) {
    if (v == nullptr) throw_last(vm);
    return Value(vm, v);
}

/* The result of a call that returned r (NULL for Void or failure), as R. */
template <class R> R result_as(hlffi_vm* vm, hlffi_value* r) {
    if (r == nullptr) check_last(vm);
    Value v(vm, r);
    if constexpr (std::is_void_v<R>) {
        return;
    } else if constexpr (std::is_same_v<R, Value>) {
        return v;  // an empty Value for a Void function
    } else {
        if (r == nullptr) throw Error(HLFFI_ERROR_TYPE_MISMATCH, "the function returned nothing (Void)");
        return v.template as<R>();
    }
}

template <class T> Value to_value(hlffi_vm* vm, T&& x) {
    using U = bare<T>;
    hlffi_value* v = nullptr;
    if constexpr (std::is_same_v<U, Value>) {
        return x.copy();
    } else if constexpr (std::is_same_v<U, std::nullptr_t> || std::is_same_v<U, std::nullopt_t>) {
        v = hlffi_value_null(vm);
    } else if constexpr (std::is_same_v<U, bool>) {
        v = hlffi_value_bool(vm, x);
    } else if constexpr (is_int_v<U>) {
        if (!std::in_range<int32_t>(x))
            throw Error(HLFFI_ERROR_INVALID_ARGUMENT, "the integer " + std::to_string(x) + " does not fit Haxe's Int (32 bits)");
        v = hlffi_value_int(vm, static_cast<int>(x));
    } else if constexpr (std::is_same_v<U, float>) {
        v = hlffi_value_f32(vm, x);
    } else if constexpr (is_float_v<U>) {
        v = hlffi_value_float(vm, static_cast<double>(x));
    } else if constexpr (is_cstring_v<T>) {
        v = x == nullptr ? hlffi_value_null(vm) : hlffi_value_string(vm, x);
    } else if constexpr (std::is_same_v<U, std::string>) {
        v = hlffi_value_string(vm, x.c_str());
    } else if constexpr (std::is_same_v<U, std::string_view>) {
        v = hlffi_value_string(vm, std::string(x).c_str());
    } else if constexpr (is_optional<U>::value) {
        if (!x.has_value()) v = hlffi_value_null(vm);
        else return to_value(vm, *std::forward<T>(x));
    } else if constexpr (is_vector<U>::value) {
        using E = typename U::value_type;
        hlffi_type* et = hlffi_find_type(vm, haxe_type_name<E>());
        if (et == nullptr) throw_last(vm);
        Value arr = wrap(vm, hlffi_array_new(vm, et, 0));
        for (const auto& e : x) {
            if constexpr (std::is_same_v<E, bool>) {  // vector<bool> hands out proxies
                Value ev = to_value(vm, static_cast<bool>(e));
                if (!hlffi_array_push(vm, arr.handle(), ev.handle())) throw_last(vm);
            } else {
                Value ev = to_value(vm, e);
                if (!hlffi_array_push(vm, arr.handle(), ev.handle())) throw_last(vm);
            }
        }
        return arr;
    } else if constexpr (is_map<U>::value) {
        hlffi_type* kt = hlffi_find_type(vm, haxe_type_name<typename U::key_type>());
        if (kt == nullptr) throw_last(vm);
        hlffi_type* vt = hlffi_find_type(vm, haxe_type_name<typename U::mapped_type>());
        if (vt == nullptr) throw_last(vm);
        Value map = wrap(vm, hlffi_map_new(vm, kt, vt));
        for (const auto& [k, val] : x) {
            Value kv = to_value(vm, k);
            Value vv = to_value(vm, val);
            if (!hlffi_map_set(vm, map.handle(), kv.handle(), vv.handle())) throw_last(vm);
        }
        return map;
    } else if constexpr (std::is_array_v<std::remove_reference_t<T>>) {
        return to_value(vm, static_cast<const char*>(x));
    } else {
        static_assert(always_false<U>, "hlffi: no conversion from this C++ type to a Haxe value");
    }
    return wrap(vm, v);
}

inline bool is_number_kind(hlffi_type_kind k) {
    switch (k) {
    case HLFFI_TYPE_UI8: case HLFFI_TYPE_UI16: case HLFFI_TYPE_I32: case HLFFI_TYPE_I64:
    case HLFFI_TYPE_F32: case HLFFI_TYPE_F64: case HLFFI_TYPE_BOOL:
        return true;
    default: return false;
    }
}

[[noreturn]] inline void throw_kind(hlffi_value* v, const char* wanted) {
    if (v == nullptr) throw Error(HLFFI_ERROR_NULL_VALUE, "the Value is empty");
    if (hlffi_value_is_null(v)) throw Error(HLFFI_ERROR_NULL_VALUE, std::string("null cannot be read as ") + wanted);
    const char* n = hlffi_type_get_name(hlffi_value_get_type(v));
    throw Error(HLFFI_ERROR_TYPE_MISMATCH, std::string("a value of type ") + (n != nullptr ? n : "?") + " cannot be read as " + wanted);
}

template <class T> T from_handle(hlffi_vm* vm, hlffi_value* v) {
    using U = bare<T>;
    if constexpr (std::is_same_v<U, Value>) {
        hlffi_value* c = hlffi_value_copy(v);
        if (c == nullptr) throw_last(vm);
        return Value(vm, c);
    } else if constexpr (is_optional<U>::value) {
        if (v != nullptr && hlffi_value_is_null(v)) return std::nullopt;
        return U(from_handle<typename U::value_type>(vm, v));
    } else if constexpr (std::is_same_v<U, bool>) {
        if (!is_number_kind(hlffi_value_get_kind(v))) throw_kind(v, "bool");
        return hlffi_value_as_bool(v, false);
    } else if constexpr (is_int_v<U>) {
        hlffi_type_kind k = hlffi_value_get_kind(v);
        if (!is_number_kind(k)) throw_kind(v, "an integer");
        long long n = 0;
        if (k == HLFFI_TYPE_I64) {  // beyond int: its exact decimal text
            std::optional<std::string> s = take_string(hlffi_value_as_string(v));
            n = s ? std::strtoll(s->c_str(), nullptr, 10) : 0;
        } else {
            n = hlffi_value_as_int(v, 0);
        }
        if (!std::in_range<U>(n)) throw Error(HLFFI_ERROR_TYPE_MISMATCH, "the integer " + std::to_string(n) + " does not fit the C++ type");
        return static_cast<U>(n);
    } else if constexpr (std::is_same_v<U, float>) {
        if (!is_number_kind(hlffi_value_get_kind(v))) throw_kind(v, "float");
        return hlffi_value_as_f32(v, 0.0f);
    } else if constexpr (is_float_v<U>) {
        if (!is_number_kind(hlffi_value_get_kind(v))) throw_kind(v, "double");
        return static_cast<U>(hlffi_value_as_float(v, 0.0));
    } else if constexpr (std::is_same_v<U, std::string>) {
        if (v == nullptr || hlffi_value_is_null(v)) throw_kind(v, "std::string");
        std::optional<std::string> s = take_string(hlffi_value_as_string(v));
        if (!s) throw_last(vm);
        return *s;
    } else if constexpr (is_vector<U>::value) {
        int n = hlffi_array_length(v);
        if (n < 0) throw_kind(v, "std::vector (an Array)");
        U out;
        out.reserve(static_cast<size_t>(n));
        for (int i = 0; i < n; i++) {
            Value e = wrap(vm, hlffi_array_get(vm, v, i));
            out.push_back(from_handle<typename U::value_type>(vm, e.handle()));
        }
        return out;
    } else if constexpr (is_map<U>::value) {
        if (hlffi_map_size(v) < 0) throw_kind(v, "a std::map (a Map)");
        Value keys = wrap(vm, hlffi_map_keys(vm, v));
        int n = hlffi_array_length(keys.handle());
        U out;
        for (int i = 0; i < n; i++) {
            Value k = wrap(vm, hlffi_array_get(vm, keys.handle(), i));
            Value e = wrap(vm, hlffi_map_get(vm, v, k.handle()));
            out.emplace(from_handle<typename U::key_type>(vm, k.handle()), from_handle<typename U::mapped_type>(vm, e.handle()));
        }
        return out;
    } else {
        static_assert(always_false<U>, "hlffi: no conversion from a Haxe value to this C++ type");
    }
}

/* ---- Signature checks of vm.function / vm.method: a C++ type against a Haxe type. */

inline std::string type_label(hlffi_type* t) {
    const char* n = hlffi_type_get_name(t);
    if (hlffi_type_get_kind(t) == HLFFI_TYPE_NULL) {
        const char* p = hlffi_type_get_name(hlffi_type_get_null_param(t));
        return std::string("Null<") + (p != nullptr ? p : "?") + ">";
    }
    return n != nullptr ? n : "?";
}

inline bool is_string_type(hlffi_type* t) {
    const char* n = hlffi_type_get_name(t);
    return hlffi_type_get_kind(t) == HLFFI_TYPE_OBJ && n != nullptr && std::string_view(n) == "String";
}

inline bool is_int_kind(hlffi_type_kind k) {
    return k == HLFFI_TYPE_UI8 || k == HLFFI_TYPE_UI16 || k == HLFFI_TYPE_I32 || k == HLFFI_TYPE_I64;
}
inline bool is_float_kind(hlffi_type_kind k) { return k == HLFFI_TYPE_F32 || k == HLFFI_TYPE_F64; }

/* A C++ argument of type T can be passed for a Haxe parameter of type t (Haxe's rules: Int
 * widens to Float; anything boxes into Dynamic or Null<T>). */
template <class T> bool arg_fits(hlffi_type* t) {
    using U = bare<T>;
    hlffi_type_kind k = hlffi_type_get_kind(t);
    if (k == HLFFI_TYPE_DYN || std::is_same_v<U, Value>) return true;
    if (k == HLFFI_TYPE_NULL) {
        if constexpr (is_optional<U>::value) return arg_fits<typename U::value_type>(hlffi_type_get_null_param(t));
        else return arg_fits<U>(hlffi_type_get_null_param(t));
    }
    if constexpr (is_optional<U>::value) return false;  // null needs a nullable parameter
    else if constexpr (std::is_same_v<U, bool>) return k == HLFFI_TYPE_BOOL;
    else if constexpr (is_int_v<U>) return is_int_kind(k) || is_float_kind(k);
    else if constexpr (is_float_v<U>) return is_float_kind(k);
    else if constexpr (is_string_v<U> || is_cstring_v<U>) return is_string_type(t);
    else if constexpr (is_vector<U>::value || is_map<U>::value) return k == HLFFI_TYPE_OBJ;
    else return false;
}

/* A Haxe result of type t can be read as R. */
template <class R> bool result_fits(hlffi_type* t) {
    using U = bare<R>;
    hlffi_type_kind k = hlffi_type_get_kind(t);
    if constexpr (std::is_void_v<U> || std::is_same_v<U, Value>) return true;
    else if constexpr (is_optional<U>::value) {
        if (k == HLFFI_TYPE_NULL) return result_fits<typename U::value_type>(hlffi_type_get_null_param(t));
        return result_fits<typename U::value_type>(t);
    } else {
        if (k == HLFFI_TYPE_DYN) return true;  // checked when read
        if (k == HLFFI_TYPE_NULL) return result_fits<U>(hlffi_type_get_null_param(t));
        if constexpr (std::is_same_v<U, bool>) return k == HLFFI_TYPE_BOOL;
        else if constexpr (is_int_v<U>) return is_int_kind(k);
        else if constexpr (is_float_v<U>) return is_float_kind(k) || is_int_kind(k);
        else if constexpr (is_string_v<U>) return is_string_type(t);
        else if constexpr (is_vector<U>::value || is_map<U>::value) return k == HLFFI_TYPE_OBJ;
        else return false;
    }
}

template <class T> constexpr const char* cpp_name() {
    using U = bare<T>;
    if constexpr (std::is_void_v<U>) return "void";
    else if constexpr (std::is_same_v<U, bool>) return "bool";
    else if constexpr (is_int_v<U>) return "an integer";
    else if constexpr (is_float_v<U>) return "a floating-point type";
    else if constexpr (is_string_v<U> || is_cstring_v<U>) return "a string";
    else if constexpr (is_optional<U>::value) return "std::optional";
    else if constexpr (is_vector<U>::value) return "std::vector";
    else if constexpr (is_map<U>::value) return "a map";
    else return "this C++ type";
}

/* Checks a cached call against R(A...); frees it and throws Error(TYPE_MISMATCH/WRONG_ARITY) when
 * they disagree. */
template <class R, class... A> void check_signature(hlffi_vm* vm, hlffi_cached_call* c, const std::string& label) {
    auto fail = [&](hlffi_error_code code, const std::string& why) {
        hlffi_cached_call_free(c);
        throw Error(code, label + ": " + why);
    };
    int n = hlffi_cached_call_get_arg_count(c);
    if (n < 0) {
        hlffi_cached_call_free(c);
        throw_last(vm);
    }
    if (n != static_cast<int>(sizeof...(A)))
        fail(HLFFI_ERROR_WRONG_ARITY,
             "takes " + std::to_string(n) + " argument(s), the C++ signature has " + std::to_string(sizeof...(A)));
    bool ok = true;
    std::string why;
    int i = 0;
    auto check_arg = [&](auto tag) {
        using T = typename decltype(tag)::type;
        hlffi_type* t = hlffi_cached_call_get_arg_type(c, i);
        if (ok && (t == nullptr || !arg_fits<T>(t))) {
            ok = false;
            why = "argument " + std::to_string(i + 1) + " is " + (t != nullptr ? type_label(t) : "?") + ", which " +
                  cpp_name<T>() + " cannot be passed as";
        }
        i++;
    };
    (check_arg(std::type_identity<A>{}), ...);
    if (!ok) fail(HLFFI_ERROR_TYPE_MISMATCH, why);
    hlffi_type* rt = hlffi_cached_call_get_return_type(c);
    if (rt == nullptr || !result_fits<R>(rt))
        fail(HLFFI_ERROR_TYPE_MISMATCH,
             std::string("returns ") + (rt != nullptr ? type_label(rt) : "?") + ", which cannot be read as " + cpp_name<R>());
}

/* ---- Lambdas as host callbacks. Host callbacks receive only the VM, so each registration takes
 * one of kMaxCallbacks slots; slot I's trampoline finds the Vm's table through the VM's user
 * data and calls the function stored there. */

inline constexpr size_t kMaxCallbacks = 128;
using HostFn = std::function<hlffi_value*(hlffi_vm*, int, hlffi_value**)>;

struct State {
    std::array<HostFn, kMaxCallbacks> slots;
    std::unordered_map<std::string, size_t> slot_of;
    std::function<void(std::string_view)> print;
};

template <size_t I> hlffi_value* trampoline(hlffi_vm* vm, int argc, hlffi_value** argv) {
    auto* st = static_cast<State*>(hlffi_get_user_data(vm));
    if (st == nullptr || !st->slots[I]) {
        hlffi_callback_throw(vm, "the C++ callback is no longer registered");
        return nullptr;
    }
    return st->slots[I](vm, argc, argv);
}

template <size_t... I> constexpr std::array<hlffi_native_func, sizeof...(I)> trampolines(std::index_sequence<I...>) {
    return {&trampoline<I>...};
}
inline constexpr std::array<hlffi_native_func, kMaxCallbacks> kTrampolines = trampolines(std::make_index_sequence<kMaxCallbacks>{});

template <class F> struct fn_traits : fn_traits<decltype(&F::operator())> {};
template <class R, class... A> struct fn_traits<R (*)(A...)> {
    using result = R;
    using args = std::tuple<A...>;
};
template <class R, class... A> struct fn_traits<R(A...)> : fn_traits<R (*)(A...)> {};
template <class C, class R, class... A> struct fn_traits<R (C::*)(A...)> : fn_traits<R (*)(A...)> {};
template <class C, class R, class... A> struct fn_traits<R (C::*)(A...) const> : fn_traits<R (*)(A...)> {};
template <class C, class R, class... A> struct fn_traits<R (C::*)(A...) noexcept> : fn_traits<R (*)(A...)> {};
template <class C, class R, class... A> struct fn_traits<R (C::*)(A...) const noexcept> : fn_traits<R (*)(A...)> {};

/* Runs f with argv converted to its parameter types; its result becomes a new value for the VM.
 * No C++ exception leaves: it becomes a Haxe exception in the calling Haxe code. */
template <class F, class R, class... A, size_t... I>
hlffi_value* invoke(F& f, hlffi_vm* vm, int argc, hlffi_value** argv, std::index_sequence<I...>) {
    try {
        if (argc != static_cast<int>(sizeof...(A)))
            throw Error(HLFFI_ERROR_WRONG_ARITY, "called with " + std::to_string(argc) + " argument(s), it takes " +
                                                     std::to_string(sizeof...(A)));
        std::tuple<bare<A>...> args{from_handle<bare<A>>(vm, argv[I])...};
        if constexpr (std::is_void_v<R>) {
            std::apply(f, std::move(args));
            return nullptr;
        } else {
            return to_value(vm, std::apply(f, std::move(args))).release();
        }
    } catch (const HaxeException& e) {
        hlffi_callback_throw(vm, e.message().c_str());
    } catch (const std::exception& e) {
        hlffi_callback_throw(vm, e.what());
    } catch (...) {
        hlffi_callback_throw(vm, "a C++ exception of unknown type");
    }
    return nullptr;
}

template <class Tuple> struct tuple_types;
template <class... A> struct tuple_types<std::tuple<A...>> {
    static constexpr std::array<hlffi_arg_type, sizeof...(A) == 0 ? 1 : sizeof...(A)> types{arg_type<A>()...};
};

}  // namespace detail

/* A static function resolved once (hlffi_cache_static_method), called with a typed signature that
 * was checked against the Haxe declaration when it was made. Move-only. */
template <class Sig> class Function;
template <class R, class... A> class Function<R(A...)> {
public:
    Function() noexcept = default;
    Function(hlffi_vm* vm, hlffi_cached_call* c) noexcept : vm_(vm), c_(c) {}
    ~Function() { hlffi_cached_call_free(c_); }
    Function(Function&& o) noexcept : vm_(o.vm_), c_(std::exchange(o.c_, nullptr)) {}
    Function& operator=(Function&& o) noexcept {
        if (this != &o) {
            hlffi_cached_call_free(c_);
            vm_ = o.vm_;
            c_ = std::exchange(o.c_, nullptr);
        }
        return *this;
    }
    Function(const Function&) = delete;
    Function& operator=(const Function&) = delete;
    explicit operator bool() const noexcept { return c_ != nullptr; }
    hlffi_cached_call* handle() const noexcept { return c_; }

    R operator()(A... args) const {
        auto a = detail::make_args(vm_, std::forward<A>(args)...);
        return detail::result_as<R>(vm_, hlffi_call_cached(c_, static_cast<int>(sizeof...(A)), a.data()));
    }

private:
    hlffi_vm* vm_ = nullptr;
    hlffi_cached_call* c_ = nullptr;
};

/* An instance method resolved once (hlffi_cache_instance_method): method(obj, args...), with
 * virtual dispatch to obj's override. Move-only. */
template <class Sig> class Method;
template <class R, class... A> class Method<R(A...)> {
public:
    Method() noexcept = default;
    Method(hlffi_vm* vm, hlffi_cached_call* c) noexcept : vm_(vm), c_(c) {}
    ~Method() { hlffi_cached_call_free(c_); }
    Method(Method&& o) noexcept : vm_(o.vm_), c_(std::exchange(o.c_, nullptr)) {}
    Method& operator=(Method&& o) noexcept {
        if (this != &o) {
            hlffi_cached_call_free(c_);
            vm_ = o.vm_;
            c_ = std::exchange(o.c_, nullptr);
        }
        return *this;
    }
    Method(const Method&) = delete;
    Method& operator=(const Method&) = delete;
    explicit operator bool() const noexcept { return c_ != nullptr; }
    hlffi_cached_call* handle() const noexcept { return c_; }

    R operator()(const Value& obj, A... args) const {
        auto a = detail::make_args(vm_, std::forward<A>(args)...);
        return detail::result_as<R>(vm_, hlffi_call_cached_method(c_, obj.handle(), static_cast<int>(sizeof...(A)), a.data()));
    }

private:
    hlffi_vm* vm_ = nullptr;
    hlffi_cached_call* c_ = nullptr;
};

/* A compiled module (hlffi_module_load_file ... hlffi_module_free): one program read, verified
 * and linked once, loaded by any number of Vms (vm.load(module)), on any threads. Move-only;
 * each Vm that loaded it keeps its own reference. */
class Module {
public:
    static Module load_file(const std::string& path) {
        hlffi_module_error err{};
        hlffi_module* m = hlffi_module_load_file(path.c_str(), &err);
        if (m == nullptr) throw Error(err.code, err.message);
        return Module(m);
    }
    static Module load_memory(const void* data, size_t size) {
        hlffi_module_error err{};
        hlffi_module* m = hlffi_module_load_memory(data, size, &err);
        if (m == nullptr) throw Error(err.code, err.message);
        return Module(m);
    }
    ~Module() { hlffi_module_free(m_); }
    Module(Module&& o) noexcept : m_(std::exchange(o.m_, nullptr)) {}
    Module& operator=(Module&& o) noexcept {
        if (this != &o) {
            hlffi_module_free(m_);
            m_ = std::exchange(o.m_, nullptr);
        }
        return *this;
    }
    Module(const Module&) = delete;
    Module& operator=(const Module&) = delete;
    hlffi_module* handle() const noexcept { return m_; }

private:
    explicit Module(hlffi_module* m) : m_(m) {}
    hlffi_module* m_ = nullptr;
};

/* A VM (hlffi_create ... hlffi_destroy). Move-only. The Vm owns the storage of its callbacks and
 * print handler, and the VM's user data slot (hlffi_set_user_data). */
class Vm {
public:
    Vm() : vm_(hlffi_create()), st_(std::make_unique<detail::State>()) {
        if (vm_ == nullptr) throw Error(HLFFI_ERROR_OUT_OF_MEMORY, "hlffi_create failed");
        hlffi_set_user_data(vm_, st_.get());
    }
    /* Adopts a VM made with hlffi_create (destroyed by this Vm). */
    explicit Vm(hlffi_vm* adopt) : vm_(adopt), st_(std::make_unique<detail::State>()) {
        if (vm_ == nullptr) throw Error(HLFFI_ERROR_NULL_VM, "the VM handle is NULL");
        hlffi_set_user_data(vm_, st_.get());
    }
    ~Vm() { destroy(); }
    Vm(Vm&& o) noexcept : vm_(std::exchange(o.vm_, nullptr)), st_(std::move(o.st_)) {}
    Vm& operator=(Vm&& o) noexcept {
        if (this != &o) {
            destroy();
            vm_ = std::exchange(o.vm_, nullptr);
            st_ = std::move(o.st_);
        }
        return *this;
    }
    Vm(const Vm&) = delete;
    Vm& operator=(const Vm&) = delete;

    hlffi_vm* handle() const noexcept { return vm_; }
    explicit operator bool() const noexcept { return vm_ != nullptr; }

    /* ---- Lifecycle (each returns *this to chain, and throws on failure). */
    Vm& init(int argc = 0, char** argv = nullptr) {
        detail::check(vm_, hlffi_init(vm_, argc, argv));
        return *this;
    }
    Vm& init(const std::vector<std::string>& args) {
        std::vector<char*> argv;
        for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));  // copied by hlffi_init
        return init(static_cast<int>(argv.size()), argv.empty() ? nullptr : argv.data());
    }
    Vm& load(detail::Name path) {
        detail::check(vm_, hlffi_load_file(vm_, path.c_str()));
        return *this;
    }
    Vm& load_memory(const void* data, size_t size) {
        detail::check(vm_, hlffi_load_memory(vm_, data, size));
        return *this;
    }
    Vm& load(const Module& module) {
        detail::check(vm_, hlffi_load_module(vm_, module.handle()));
        return *this;
    }
    /* Static init and main(). An uncaught exception in them throws HaxeException. */
    Vm& call_entry() {
        detail::check(vm_, hlffi_call_entry(vm_));
        return *this;
    }
    /* Releases the program (values become stale); the VM may load again. */
    void close() { detail::check(vm_, hlffi_close(vm_)); }
    /* Frees the VM now (the destructor then does nothing). */
    void destroy() noexcept {
        if (vm_ != nullptr) hlffi_destroy(std::exchange(vm_, nullptr));
        st_.reset();
    }
    int exit_code() const noexcept { return hlffi_get_exit_code(vm_); }
    /* Everything the program prints goes to fn (empty: back to stdout). */
    void on_print(std::function<void(std::string_view)> fn) {
        st_->print = std::move(fn);
        hlffi_print_func c = nullptr;
        if (st_->print)
            c = [](hlffi_vm*, const char* text, size_t len, void* data) {
                static_cast<detail::State*>(data)->print(std::string_view(text, len));
            };
        detail::check(vm_, hlffi_set_print_handler(vm_, c, st_.get()));
    }

    /* ---- Values, statics, calls. */
    template <class T> Value value(T&& x) const { return detail::to_value(vm_, std::forward<T>(x)); }
    Value null() const { return detail::wrap(vm_, hlffi_value_null(vm_)); }

    Value get_static(detail::Name cls, detail::Name field) const {
        return detail::wrap(vm_, hlffi_get_static_field(vm_, cls.c_str(), field.c_str()));
    }
    template <class T> T get_static(detail::Name cls, detail::Name field) const {
        return get_static(cls.c_str(), field.c_str()).as<T>();
    }
    template <class T> void set_static(detail::Name cls, detail::Name field, T&& x) const {
        if constexpr (std::is_same_v<detail::bare<T>, Value>) {
            detail::check(vm_, hlffi_set_static_field(vm_, cls.c_str(), field.c_str(), x.handle()));
        } else {
            Value v = value(std::forward<T>(x));
            detail::check(vm_, hlffi_set_static_field(vm_, cls.c_str(), field.c_str(), v.handle()));
        }
    }
    /* Class.method(args...) by name; R is the result type (void: ignored; Value: kept). */
    template <class R = Value, class... A> R call(detail::Name cls, detail::Name method, A&&... args) const {
        auto a = detail::make_args(vm_, std::forward<A>(args)...);
        return detail::result_as<R>(vm_, hlffi_call_static(vm_, cls.c_str(), method.c_str(), static_cast<int>(sizeof...(A)), a.data()));
    }
    /* new Class(args...). */
    template <class... A> Value new_instance(detail::Name cls, A&&... args) const {
        auto a = detail::make_args(vm_, std::forward<A>(args)...);
        return detail::wrap(vm_, hlffi_new(vm_, cls.c_str(), static_cast<int>(sizeof...(A)), a.data()));
    }

    /* A static function with a typed signature, e.g. function<int(int, int)>("Main", "add"),
     * resolved once and checked against the Haxe declaration (Error TYPE_MISMATCH / WRONG_ARITY
     * when a C++ type cannot be passed as, or read from, the Haxe one). */
    template <class Sig> Function<Sig> function(detail::Name cls, detail::Name name) const {
        return make_cached<Function, Sig>(hlffi_cache_static_method(vm_, cls.c_str(), name.c_str()), cls.c_str(), name.c_str());
    }
    /* An instance method, e.g. method<int(int)>("Player", "hit"); call it as hit(player, 5). */
    template <class Sig> Method<Sig> method(detail::Name cls, detail::Name name) const {
        return make_cached<Method, Sig>(hlffi_cache_instance_method(vm_, cls.c_str(), name.c_str()), cls.c_str(), name.c_str());
    }

    /* ---- Host callbacks: registers a function object (a lambda, function pointer, std::function)
     * under `name`, typed by its parameters (int -> Int, double -> Float, bool -> Bool,
     * std::string -> String, anything else Dynamic). Haxe gets it through get_callback(name).
     * A C++ exception leaving it becomes a Haxe String exception in the Haxe caller. Registering a
     * name again replaces the function (in place when the types are unchanged). */
    template <class F> void callback(detail::Name name, F&& fn) {
        using D = std::decay_t<F>;
        using Traits = detail::fn_traits<std::remove_pointer_t<D>>;
        using R = typename Traits::result;
        using ArgTuple = typename Traits::args;
        constexpr size_t n = std::tuple_size_v<ArgTuple>;
        static_assert(n <= 16, "hlffi: a host callback takes at most 16 arguments");
        std::string key = name.c_str();
        size_t slot = 0;
        auto it = st_->slot_of.find(key);
        if (it != st_->slot_of.end()) {
            slot = it->second;
        } else {
            slot = free_slot();
        }
        const auto& types = detail::tuple_types<ArgTuple>::types;
        detail::HostFn host = [f = D(std::forward<F>(fn))](hlffi_vm* vm, int argc, hlffi_value** argv) mutable {
            return call_tuple<R>(f, vm, argc, argv, static_cast<ArgTuple*>(nullptr));
        };
        detail::HostFn previous = std::move(st_->slots[slot]);
        st_->slots[slot] = std::move(host);
        if (!hlffi_register_callback_typed(vm_, key.c_str(), detail::kTrampolines[slot], static_cast<int>(n), types.data(),
                                           detail::arg_type<R>())) {
            st_->slots[slot] = std::move(previous);
            detail::throw_last(vm_);
        }
        st_->slot_of[key] = slot;
    }
    /* The registered callback as a Haxe function value (after load). */
    Value get_callback(detail::Name name) const { return detail::wrap(vm_, hlffi_get_callback(vm_, name.c_str())); }
    /* Removes a callback; false when there was none. Haxe code still holding it gets an
     * exception when calling it. */
    bool unregister_callback(detail::Name name) {
        bool ok = hlffi_unregister_callback(vm_, name.c_str());
        auto it = st_->slot_of.find(name.c_str());
        if (it != st_->slot_of.end()) {
            st_->slots[it->second] = nullptr;
            st_->slot_of.erase(it);
        }
        return ok;
    }

    /* The uncaught exception the last call recorded (the C++ wrapper clears it when it throws). */
    bool has_exception() const noexcept { return hlffi_has_exception(vm_); }
    /* Runs a full collection. */
    void gc_collect() const { detail::check(vm_, hlffi_gc_collect(vm_)); }

private:
    template <template <class> class Kind, class Sig> struct cached_sig;
    template <template <class> class Kind, class R, class... A> struct cached_sig<Kind, R(A...)> {
        static void check(hlffi_vm* vm, hlffi_cached_call* c, const std::string& label) {
            detail::check_signature<R, A...>(vm, c, label);
        }
    };
    template <template <class> class Kind, class Sig>
    Kind<Sig> make_cached(hlffi_cached_call* c, const char* cls, const char* name) const {
        if (c == nullptr) detail::throw_last(vm_);
        cached_sig<Kind, Sig>::check(vm_, c, std::string(cls) + "." + name);
        return Kind<Sig>(vm_, c);
    }

    template <class R, class F, class... A>
    static hlffi_value* call_tuple(F& f, hlffi_vm* vm, int argc, hlffi_value** argv, std::tuple<A...>*) {
        return detail::invoke<F, R, A...>(f, vm, argc, argv, std::index_sequence_for<A...>{});
    }

    size_t free_slot() const {
        for (size_t i = 0; i < detail::kMaxCallbacks; i++) {
            bool used = false;
            for (const auto& [n, s] : st_->slot_of)
                if (s == i) used = true;
            if (!used) return i;
        }
        throw Error(HLFFI_ERROR_INVALID_ARGUMENT, "too many C++ callbacks on one Vm (at most " +
                                                      std::to_string(detail::kMaxCallbacks) + ")");
    }

    hlffi_vm* vm_ = nullptr;
    std::unique_ptr<detail::State> st_;
};

/* ---- Value members that convert C++ arguments. */

template <class T> void Value::set(detail::Name field, T&& x) const {
    need();
    bool ok = false;
    if constexpr (std::is_same_v<detail::bare<T>, Value>) {
        ok = hlffi_set_field(v_, field.c_str(), x.handle());
    } else {
        Value v = detail::to_value(vm_, std::forward<T>(x));
        ok = hlffi_set_field(v_, field.c_str(), v.handle());
    }
    if (!ok) detail::throw_last(vm_);
}

template <class R, class... A> R Value::call(detail::Name method, A&&... args) const {
    need();
    auto a = detail::make_args(vm_, std::forward<A>(args)...);
    return detail::result_as<R>(vm_, hlffi_call_method(v_, method.c_str(), static_cast<int>(sizeof...(A)), a.data()));
}

}  // namespace hlffi

#endif /* HLFFI_HPP */
