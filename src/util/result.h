// util layer: Result<T>, the error-or-value return used instead of C++ exceptions in src/.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <variant>

namespace hlffi {

struct Failure {
    std::string message;
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Failure e) : v_(std::move(e)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<0>(v_); }
    const T& value() const { return std::get<0>(v_); }
    T& operator*() { return value(); }
    T* operator->() { return &value(); }
    const Failure& error() const { return std::get<1>(v_); }
    T take() { return std::move(std::get<0>(v_)); }

private:
    std::variant<T, Failure> v_;
};

// Result of an operation with nothing to return. Success holds only a null pointer: the
// verifier returns one per operand checked, so the common case must cost next to nothing.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Failure e) : error_(std::make_unique<Failure>(std::move(e))) {}
    bool ok() const { return error_ == nullptr; }
    explicit operator bool() const { return ok(); }
    const Failure& error() const { return *error_; }  // only when !ok()

private:
    std::unique_ptr<Failure> error_;
};

}  // namespace hlffi
