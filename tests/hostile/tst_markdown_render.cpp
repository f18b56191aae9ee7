// The XSS and tracking payloads rendered as a user sees them: each payload's detail goes
// through hb::ehr::renderCardDetail (what CardsModel hands the card) into the real CardView of
// the Hookbench QML module, shown in a window. Every network request the QML engine makes is
// recorded, and a loopback tracker counts connections: both must stay empty. A control card with
// a raw <img> proves the recorder and the tracker would notice a fetch.
#include "ehr/markdownsafety.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQmlNetworkAccessManagerFactory>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

QStringList g_requests; // every URL any engine NAM was asked for (GUI thread and loader threads)
QMutex g_mutex;

class RecordingNam : public QNetworkAccessManager
{
public:
    using QNetworkAccessManager::QNetworkAccessManager;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *data) override
    {
        {
            QMutexLocker lock(&g_mutex);
            g_requests << request.url().toString();
        }
        return QNetworkAccessManager::createRequest(op, request, data);
    }
};

class RecordingFactory : public QQmlNetworkAccessManagerFactory
{
public:
    QNetworkAccessManager *create(QObject *parent) override { return new RecordingNam(parent); }
};

QStringList requests()
{
    QMutexLocker lock(&g_mutex);
    return g_requests;
}

// Counts every connection to it and answers each with a 1x1 GIF.
class Tracker : public QTcpServer
{
public:
    Tracker()
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                ++hits;
                connect(socket, &QIODevice::readyRead, socket, [socket] {
                    socket->readAll();
                    static const QByteArray gif = QByteArray::fromBase64(
                        "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: image/gif\r\nContent-Length: "
                                  + QByteArray::number(gif.size()) + "\r\nConnection: close\r\n\r\n"
                                  + gif);
                    socket->disconnectFromHost();
                });
            }
        });
    }
    QString base() const { return u"http://127.0.0.1:%1"_s.arg(serverPort()); }
    int hits = 0;
};

} // namespace

class TestMarkdownRender : public QObject
{
    Q_OBJECT

    Tracker m_tracker;
    RecordingFactory m_factory;
    std::unique_ptr<QQmlEngine> m_engine;
    QQuickWindow m_window;

    QQuickItem *show(const QByteArray &qml, const QVariantMap &properties)
    {
        QQmlComponent component(m_engine.get());
        component.setData(qml, QUrl(u"qrc:/hostile/Probe.qml"_s));
        if (!component.isReady())
            qFatal("%s", qPrintable(component.errorString()));
        auto *item = qobject_cast<QQuickItem *>(
            component.createWithInitialProperties(properties, m_engine->rootContext()));
        item->setParentItem(m_window.contentItem());
        item->setWidth(480);
        return item;
    }

    // Lets the scene graph lay out and the pixmap loader threads run; the tracker answers here.
    void settle()
    {
        for (int i = 0; i < 20; ++i) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            QTest::qWait(10);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_engine = std::make_unique<QQmlEngine>();
        m_engine->addImportPath(u"qrc:/qt/qml"_s);
        m_engine->setNetworkAccessManagerFactory(&m_factory);
        m_window.resize(500, 800);
        m_window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&m_window));
    }

    // The control: raw HTML in a rich-text Text does fetch; the recorder and tracker see it.
    void controlRawImageIsFetched()
    {
        const int before = m_tracker.hits;
        QQuickItem *item
            = show("import QtQuick\nText { textFormat: Text.RichText }",
                   {{u"text"_s, u"<img src=\"%1/control.png\">"_s.arg(m_tracker.base())}});
        QTRY_VERIFY_WITH_TIMEOUT(requests().contains(m_tracker.base() + u"/control.png"_s), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(m_tracker.hits > before, 5000);
        delete item;
        QMutexLocker lock(&g_mutex);
        g_requests.clear();
        m_tracker.hits = 0;
    }

    // For a look by eye: HOOKBENCH_SCREENSHOT=out.png saves a card with a mix of payloads.
    void screenshotForReview()
    {
        const QString out = qEnvironmentVariable("HOOKBENCH_SCREENSHOT");
        if (out.isEmpty())
            QSKIP("set HOOKBENCH_SCREENSHOT to save a picture of a hostile card");
        const QString markdown
            = u"**Bold** and *italic*, a [guideline](https://example.org/g) and "
              "a [misleading https://good.example](https://evil.example/x).\n\n"
              "![tracker pixel](%1/p.png) and ![a [b] c](data:image/png;base64,AA)\n\n"
              "[click me](javascript&colon;alert(1)) <script>alert(1)</script>\n\n"
              "- item `<b>code</b>`\n- [ ] task\n\n| a | b |\n|---|---|\n| 1 | 2 |"_s.arg(
                  m_tracker.base());
        QQuickItem *card = show("import Hookbench\nCardView { indicator: \"warning\" }",
                                {{u"summary"_s, u"A hostile card, rendered safely"_s},
                                 {u"detail"_s, hb::ehr::renderCardDetail(markdown)}});
        settle();
        QVERIFY(m_window.grabWindow().save(out));
        QCOMPARE(requests(), QStringList());
        delete card;
    }

    void payloadInCardViewFetchesNothing_data()
    {
        QTest::addColumn<QString>("markdown");
        QFile file(QStringLiteral(HOOKBENCH_TEST_DATA "/ehr/markdown-payloads.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray all = QJsonDocument::fromJson(file.readAll()).array();
        QVERIFY(all.size() >= 30);
        for (const auto &value : all) {
            const QJsonObject p = value.toObject();
            QTest::newRow(qPrintable(p[u"name"].toString()))
                << p[u"markdown"].toString().replace(u"{{tracker}}"_s, m_tracker.base());
        }
    }
    void payloadInCardViewFetchesNothing()
    {
        QFETCH(QString, markdown);
        QQuickItem *card = show(
            "import Hookbench\nCardView { indicator: \"critical\" }",
            {{u"summary"_s, u"hostile"_s}, {u"detail"_s, hb::ehr::renderCardDetail(markdown)}});
        auto *detail = card->findChild<QQuickItem *>(u"detail"_s);
        QVERIFY(detail);
        QVERIFY(detail->isVisible());
        QCOMPARE(detail->property("textFormat").toInt(), 1); // Text.RichText
        settle();
        QCOMPARE(requests(), QStringList());
        QCOMPARE(m_tracker.hits, 0);
        delete card;
    }
};

QTEST_MAIN(TestMarkdownRender)
#include "tst_markdown_render.moc"
