#pragma once

#include <QHash>
#include <QImage>
#include <QMutex>
#include <QObject>
#include <QQuickImageProvider>
#include <QUrl>

#include <functional>

namespace hb::net {
class Transport;
}

/// The icons of the cards' sources (card.source.icon). A service's icon URL is untrusted: it is
/// fetched only over http(s), without credentials (no user info in the URL, no cookies or
/// Authorization: the exact wire backend sends only the request line, Host and Accept), capped in
/// bytes and in pixels, and decoded here; QML shows it through the "cardicon" image provider and
/// never loads the service's URL itself (so no file:, data: or qrc: URL can reach an Image).
class CardIcons : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 MaxBytes = 256 * 1024; ///< a 64 px icon is a few KiB
    static constexpr int MaxPixels = 1024; ///< width and height before scaling (no pixel bombs)
    static constexpr int DisplaySize = 64; ///< stored at most this big (the card shows 20 px)
    static constexpr int MaxIcons = 200; ///< distinct URLs kept per session
    static constexpr int TimeoutMs = 10000;
    static constexpr QLatin1StringView ProviderId {"cardicon"};

    /// http(s), a host, no user name or password.
    static bool isFetchable(const QUrl &url);

    /// `transport` is asked at each fetch (the running Workbench's; null: nothing is fetched).
    explicit CardIcons(std::function<hb::net::Transport *()> transport, QObject *parent = nullptr);

    /// Starts fetching `url` unless it was fetched (or refused) before.
    void fetch(const QUrl &url);
    /// "image://cardicon/<n>" once `url`'s icon is decoded, else "".
    [[nodiscard]] QString sourceFor(const QUrl &url) const;
    /// Why `url` shows no icon ("" while pending or when shown).
    [[nodiscard]] QString failureFor(const QUrl &url) const;
    /// The decoded icon behind provider id `id` (thread-safe: the provider may ask from a
    /// loader thread).
    [[nodiscard]] QImage image(const QString &id) const;

    /// Decodes untrusted bytes: nullopt with `why` when they are not an image within the caps.
    static std::optional<QImage> decode(const QByteArray &bytes, QString *why);

Q_SIGNALS:
    void iconChanged(const QUrl &url);

private:
    struct Entry
    {
        int id = 0;
        bool done = false;
        QImage image;
        QString failure;
    };
    void finish(const QUrl &url, const QImage &image, const QString &failure);

    std::function<hb::net::Transport *()> m_transport;
    mutable QMutex m_mutex;
    QHash<QUrl, Entry> m_entries;
    QHash<int, QUrl> m_urlById;
    int m_nextId = 1;
};

/// "image://cardicon/<n>": the decoded icons of CardIcons, nothing else.
class CardIconProvider : public QQuickImageProvider
{
public:
    explicit CardIconProvider(const CardIcons *icons)
        : QQuickImageProvider(QQuickImageProvider::Image)
        , m_icons(icons)
    { }
    QImage requestImage(const QString &id, QSize *size, const QSize &requestedSize) override;

private:
    const CardIcons *m_icons;
};
