#include "cardicons.h"

#include "net/transport.h"

#include <QBuffer>
#include <QImageReader>
#include <QPointer>

using namespace Qt::StringLiterals;

bool CardIcons::isFetchable(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == u"http" || scheme == u"https") && !url.host().isEmpty()
        && url.userInfo().isEmpty();
}

CardIcons::CardIcons(std::function<hb::net::Transport *()> transport, QObject *parent)
    : QObject(parent)
    , m_transport(std::move(transport))
{ }

void CardIcons::fetch(const QUrl &url)
{
    if (url.isEmpty())
        return;
    {
        QMutexLocker lock(&m_mutex);
        if (m_entries.contains(url))
            return;
        if (m_entries.size() >= MaxIcons)
            return; // a service listing thousands of icon URLs gets no more fetches
        Entry entry;
        entry.id = m_nextId++;
        m_entries.insert(url, entry);
        m_urlById.insert(entry.id, url);
    }
    if (!isFetchable(url))
        return finish(url, {}, u"not an http(s) URL without credentials"_s);
    hb::net::Transport *transport = m_transport ? m_transport() : nullptr;
    if (!transport)
        return finish(url, {}, u"Hookbench is not running"_s);
    hb::net::TransportRequest request;
    request.url = url;
    request.headers = {{"Accept", "image/png,image/jpeg,image/svg+xml,image/*;q=0.8"}};
    // The transport has no cookie jar and caches no credentials: an icon fetch carries none.
    request.maxResponseBytes = MaxBytes;
    request.connectTimeoutMs = TimeoutMs;
    request.totalTimeoutMs = TimeoutMs;
    request.maxRedirects = 3;
    QPointer<CardIcons> self(this);
    transport->send(request, [self, url](const hb::net::TransportResponse &response) {
        if (!self)
            return;
        if (!response.ok())
            return self->finish(url, {},
                                response.error == hb::net::TransportError::TooLarge
                                    ? u"larger than %1 KiB"_s.arg(MaxBytes / 1024)
                                    : response.errorMessage);
        if (response.status != 200)
            return self->finish(url, {}, u"HTTP %1"_s.arg(response.status));
        QString why;
        const auto image = decode(response.body, &why);
        self->finish(url, image.value_or(QImage()), why);
    });
}

std::optional<QImage> CardIcons::decode(const QByteArray &bytes, QString *why)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);
    const QSize size = reader.size(); // from the header, before any pixel is decoded
    if (!reader.canRead() || !size.isValid() || size.isEmpty()) {
        *why = u"not an image"_s;
        return std::nullopt;
    }
    if (size.width() > MaxPixels || size.height() > MaxPixels) {
        *why = u"%1x%2 pixels is over the %3x%3 cap"_s.arg(size.width())
                   .arg(size.height())
                   .arg(MaxPixels);
        return std::nullopt;
    }
    if (size.width() > DisplaySize || size.height() > DisplaySize)
        reader.setScaledSize(size.scaled(DisplaySize, DisplaySize, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (image.isNull()) {
        *why = reader.errorString();
        return std::nullopt;
    }
    return image;
}

void CardIcons::finish(const QUrl &url, const QImage &image, const QString &failure)
{
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_entries.find(url);
        if (it == m_entries.end())
            return;
        it->done = true;
        it->image = image;
        it->failure = image.isNull() ? failure : QString();
    }
    Q_EMIT iconChanged(url);
}

QString CardIcons::sourceFor(const QUrl &url) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_entries.constFind(url);
    if (it == m_entries.cend() || !it->done || it->image.isNull())
        return {};
    return u"image://%1/%2"_s.arg(ProviderId).arg(it->id);
}

QString CardIcons::failureFor(const QUrl &url) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_entries.constFind(url);
    return it == m_entries.cend() ? QString() : it->failure;
}

QImage CardIcons::image(const QString &id) const
{
    QMutexLocker lock(&m_mutex);
    const auto url = m_urlById.constFind(id.toInt());
    if (url == m_urlById.cend())
        return {};
    return m_entries.value(*url).image;
}

QImage CardIconProvider::requestImage(const QString &id, QSize *size, const QSize &requestedSize)
{
    QImage image = m_icons ? m_icons->image(id) : QImage();
    if (!image.isNull() && requestedSize.isValid() && !requestedSize.isEmpty())
        image = image.scaled(requestedSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (size)
        *size = image.size();
    return image;
}
