#pragma once

// A std::optional-like member for the parts of an Exchange most exchanges lack or never change
// (CORS verdict, TLS certificate, decoded client JWT): stored once behind a shared pointer and
// copied on write, so the struct stays small and copies of an exchange share them. At 100,000
// exchanges the inline optionals were about 400 of the struct's 856 bytes (bench/run).
#include <memory>
#include <optional>
#include <utility>

namespace hb::net {

template<typename T> class SharedOptional
{
public:
    SharedOptional() = default;
    SharedOptional(std::nullopt_t) { } // NOLINT(google-explicit-constructor): optional's API
    SharedOptional(const T &value) // NOLINT(google-explicit-constructor)
        : m_value(std::make_shared<T>(value))
    { }
    SharedOptional(T &&value) // NOLINT(google-explicit-constructor)
        : m_value(std::make_shared<T>(std::move(value)))
    { }
    SharedOptional(const std::optional<T> &value) // NOLINT(google-explicit-constructor)
        : m_value(value ? std::make_shared<T>(*value) : nullptr)
    { }
    SharedOptional(std::optional<T> &&value) // NOLINT(google-explicit-constructor)
        : m_value(value ? std::make_shared<T>(std::move(*value)) : nullptr)
    { }

    [[nodiscard]] bool has_value() const noexcept { return bool(m_value); }
    explicit operator bool() const noexcept { return bool(m_value); }

    const T &operator*() const { return *m_value; }
    const T *operator->() const { return m_value.get(); }
    const T &value() const
    {
        if (!m_value)
            throw std::bad_optional_access();
        return *m_value;
    }
    /// Non-const access detaches: the other copies keep the value they had.
    T &operator*() { return *detach(); }
    T *operator->() { return detach(); }
    T &value()
    {
        if (!m_value)
            throw std::bad_optional_access();
        return *detach();
    }
    template<typename U> T value_or(U &&fallback) const
    {
        return m_value ? *m_value : T(std::forward<U>(fallback));
    }

    template<typename... Args> T &emplace(Args &&...args)
    {
        m_value = std::make_shared<T>(std::forward<Args>(args)...);
        return *m_value;
    }
    void reset() noexcept { m_value.reset(); }

    operator std::optional<T>() const // NOLINT(google-explicit-constructor)
    {
        return m_value ? std::optional<T>(*m_value) : std::nullopt;
    }

private:
    T *detach()
    {
        if (m_value && m_value.use_count() > 1)
            m_value = std::make_shared<T>(*m_value);
        return m_value.get();
    }

    std::shared_ptr<T> m_value;
};

} // namespace hb::net
