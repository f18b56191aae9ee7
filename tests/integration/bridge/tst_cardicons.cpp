// The cards' source icon, topic and link (issue 11). The icon URL is the service's, so it is
// untrusted: fetched over loopback HTTP from a real server here, only for http(s) URLs without
// credentials, without cookies or Authorization, capped in bytes and pixels, and handed to QML
// only as an image://cardicon/ URL of the decoded image.
#include "../net/rawserver.h"
#include "cardicons.h"
#include "cardsmodel.h"

#include "net/transport.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray png(int width, int height)
{
    QImage image(width, height, QImage::Format_ARGB32);
    image.fill(QColor(u"#2f6fd6"_s));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

hb::core::Card cardWith(const QUrl &icon, const QUrl &url = {})
{
    hb::core::Card card;
    card.summary = u"Hello"_s;
    card.indicator = u"info"_s;
    card.source.label = u"Greeter"_s;
    card.source.icon = icon;
    card.source.url = url;
    card.source.topic = hb::core::Coding {u"greeting"_s, u"urn:topics"_s, u"Greeting"_s};
    return card;
}

} // namespace

class TestCardIcons : public QObject
{
    Q_OBJECT

    hb::net::Transport m_transport;
    RawServer m_server {[](const RawRequest &request) {
        if (request.target == "/icon.png")
            return rawResponse(200, {"Content-Type: image/png"}, png(48, 48));
        if (request.target == "/big-icon.png")
            return rawResponse(200, {"Content-Type: image/png"}, png(512, 256));
        if (request.target == "/bomb.png") // small file, 20000 x 20000 pixels
            return rawResponse(200, {"Content-Type: image/png"}, png(20000, 1));
        if (request.target == "/huge")
            return rawResponse(200, {"Content-Type: image/png"},
                               QByteArray(CardIcons::MaxBytes + 4096, 'x'));
        if (request.target == "/text")
            return rawResponse(200, {"Content-Type: text/html"}, "<html>hi</html>");
        return rawResponse(404, {});
    }};

    CardIcons icons()
    {
        return CardIcons([this] { return &m_transport; });
    }

    /// Fetches `url` and waits for the verdict.
    void fetched(CardIcons &icons, const QUrl &url)
    {
        QSignalSpy done(&icons, &CardIcons::iconChanged);
        icons.fetch(url);
        QVERIFY(done.count() == 1 || done.wait(15000));
    }

private Q_SLOTS:
    void aSmallIconIsShownThroughTheProvider()
    {
        CardIcons icons = this->icons();
        const QUrl url = m_server.url(u"/icon.png"_s);
        fetched(icons, url);
        const QString source = icons.sourceFor(url);
        QVERIFY2(source.startsWith(u"image://cardicon/"_s), qPrintable(icons.failureFor(url)));
        CardIconProvider provider(&icons);
        QSize size;
        const QImage image = provider.requestImage(source.section(u'/', -1), &size, {});
        QCOMPARE(image.size(), QSize(48, 48));
        // Fetched as an anonymous image request: no credentials of any kind.
        const RawRequest &request = m_server.requests.last();
        QVERIFY(!request.hasHeader("authorization"));
        QVERIFY(!request.hasHeader("cookie"));
        QVERIFY(request.header("accept").startsWith("image/"));
    }

    void aLargerIconIsScaledDown()
    {
        CardIcons icons = this->icons();
        const QUrl url = m_server.url(u"/big-icon.png"_s);
        fetched(icons, url);
        CardIconProvider provider(&icons);
        QSize size;
        provider.requestImage(icons.sourceFor(url).section(u'/', -1), &size, {});
        QCOMPARE(size, QSize(CardIcons::DisplaySize, CardIcons::DisplaySize / 2));
    }

    void refusedIcons_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("why");
        QTest::newRow("over the byte cap") << u"/huge"_s << u"larger than 256 KiB"_s;
        QTest::newRow("pixel bomb") << u"/bomb.png"_s << u"over the 1024x1024 cap"_s;
        QTest::newRow("not an image") << u"/text"_s << u"not an image"_s;
        QTest::newRow("404") << u"/missing.png"_s << u"HTTP 404"_s;
    }
    void refusedIcons()
    {
        QFETCH(QString, path);
        QFETCH(QString, why);
        CardIcons icons = this->icons();
        const QUrl url = m_server.url(path);
        fetched(icons, url);
        QCOMPARE(icons.sourceFor(url), QString());
        QVERIFY2(icons.failureFor(url).contains(why), qPrintable(icons.failureFor(url)));
    }

    // Never fetched at all: no connection is made for these.
    void onlyHttpWithoutCredentialsIsFetched()
    {
        CardIcons icons = this->icons();
        QUrl withCredentials = m_server.url(u"/icon.png"_s);
        withCredentials.setUserInfo(u"user:secret"_s);
        const int before = m_server.connections;
        for (const QUrl &url : {withCredentials, QUrl(u"file:///usr/share/icons/x.png"_s),
                                QUrl(u"data:image/png;base64,iVBORw0KGgo="_s),
                                QUrl(u"qrc:/icons/48.png"_s), QUrl(u"ftp://127.0.0.1/x.png"_s)}) {
            QVERIFY(!CardIcons::isFetchable(url));
            fetched(icons, url);
            QCOMPARE(icons.sourceFor(url), QString());
            QVERIFY(!icons.failureFor(url).isEmpty());
        }
        QTest::qWait(50);
        QCOMPARE(m_server.connections, before);
    }

    // The model's roles: the icon appears once fetched, the topic's display, the link only when
    // it is http(s).
    void modelRoles()
    {
        CardIcons icons = this->icons();
        CardsModel model;
        model.setIcons(&icons);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const QUrl icon = m_server.url(u"/icon.png"_s);
        model.setServiceCards(u"greeter"_s, u"Greeter"_s, u"h1"_s,
                              {cardWith(icon, QUrl(u"https://example.org/about"_s)),
                               cardWith(QUrl(u"file:///etc/x.png"_s), QUrl(u"javascript:x()"_s))});
        const QModelIndex first = model.index(0);
        QCOMPARE(model.data(first, CardsModel::SourceIconRole).toString(), QString());
        QVERIFY(changed.wait(15000));
        QCOMPARE(changed.first().at(2).value<QList<int>>(),
                 QList<int> {CardsModel::SourceIconRole});
        QVERIFY(model.data(first, CardsModel::SourceIconRole)
                    .toString()
                    .startsWith(u"image://cardicon/"_s));
        QCOMPARE(model.data(first, CardsModel::SourceTopicRole).toString(), u"Greeting"_s);
        QCOMPARE(model.data(first, CardsModel::SourceUrlRole).toString(),
                 u"https://example.org/about"_s);
        const QModelIndex second = model.index(1);
        QCOMPARE(model.data(second, CardsModel::SourceIconRole).toString(), QString());
        QCOMPARE(model.data(second, CardsModel::SourceUrlRole).toString(), QString());
        QVERIFY(model.roleNames().values().contains("sourceIcon"));
        QVERIFY(model.roleNames().values().contains("sourceTopic"));

        // A topic without display shows its code; no topic, no chip.
        hb::core::Card coded = cardWith({});
        coded.source.topic->display.clear();
        hb::core::Card none = cardWith({});
        none.source.topic.reset();
        model.setServiceCards(u"other"_s, u"Other"_s, u"h2"_s, {coded, none});
        QStringList topics;
        for (int row = 0; row < model.rowCount(); ++row)
            topics << model.data(model.index(row), CardsModel::SourceTopicRole).toString();
        QVERIFY2(topics.contains(u"greeting"_s) && topics.contains(QString()),
                 qPrintable(topics.join(u',')));
    }
};

QTEST_GUILESS_MAIN(TestCardIcons)
#include "tst_cardicons.moc"
