// `hookbench --screenshot FILE` renders the loaded window to a PNG and exits (issue #2).
#include "../processrunner.h"

#include <QColor>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

class TestAppScreenshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionAndHelp()
    {
        auto result = runBinary(u"hookbench"_s, {u"--version"_s});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(QStringLiteral(HOOKBENCH_VERSION)));
        result = runBinary(u"hookbench"_s, {u"--help"_s});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(u"--screenshot"_s));
    }

    void unknownPatientShowsAnErrorCard()
    {
        QTemporaryDir tmp;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOOKBENCH_HOME"_s, tmp.filePath(u"home"_s));
        const auto result = runBinary(
            u"hookbench"_s,
            {u"--screenshot"_s, tmp.filePath(u"x.png"_s), u"--patient"_s, u"nobody"_s}, env);
        QCOMPARE(result.exitCode, 0);
        const QJsonObject state = QJsonDocument::fromJson(result.out.trimmed().toUtf8()).object();
        const QJsonObject card = state.value(u"cards"_s).toArray().at(0).toObject();
        QCOMPARE(card.value(u"indicator"_s).toString(),
                 u"error"_s); // never a silently empty screen
    }

    // A service a browser-based EHR could not call is an error card with the browser's verdict
    // and the fix, where the official sandbox shows "No recommendations to display".
    void corsFailureIsAnErrorCardWithTheFix()
    {
        QTemporaryDir tmp;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOOKBENCH_HOME"_s, tmp.filePath(u"home"_s));
        const auto result = runBinary(u"hookbench"_s,
                                      {u"--screenshot"_s, tmp.filePath(u"x.png"_s),
                                       u"--discovery"_s, u"lab:cors-acao-null"_s},
                                      env);
        QCOMPARE(result.exitCode, 0);
        const QJsonObject state = QJsonDocument::fromJson(result.out.trimmed().toUtf8()).object();
        const QJsonObject card = state.value(u"cards"_s).toArray().at(0).toObject();
        QCOMPARE(card.value(u"indicator"_s).toString(), u"error"_s);
        const QString error = card.value(u"error"_s).toString();
        QVERIFY2(error.contains(u"has been blocked by CORS policy"_s), qPrintable(error));
        QVERIFY2(
            error.contains(
                u"Fix: Send exactly one 'Access-Control-Allow-Origin: https://sandbox.cds-hooks.org'"_s),
            qPrintable(error));
    }

    void screenshotShowsTheWindow()
    {
        QTemporaryDir tmp;
        const QString png = tmp.filePath(u"window.png"_s);
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOOKBENCH_HOME"_s, tmp.filePath(u"home"_s));
        const auto result = runBinary(u"hookbench"_s, {u"--screenshot"_s, png}, env);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));

        // The app opened the first patient, fired patient-view and drew the greeting card.
        const QJsonObject state = QJsonDocument::fromJson(result.out.trimmed().toUtf8()).object();
        QCOMPARE(state.value(u"patient"_s).toString(), u"pt-amelia-hart"_s);
        const QJsonArray cards = state.value(u"cards"_s).toArray();
        QVERIFY2(!cards.isEmpty(), qPrintable(result.out));
        QCOMPARE(cards.at(0).toObject().value(u"service"_s).toString(), u"patient-greeting"_s);
        QVERIFY(cards.at(0).toObject().value(u"summary"_s).toString().contains(u"Amelia"_s));
        QVERIFY(state.value(u"exchanges"_s).toInt()
                >= 4); // discovery, prefetch, the call (+ preflights)

        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 960 && image.height() >= 600);
        // The patient banner is the dark band at the top; the log panel the dark band at the
        // bottom; the cards column and screen area are light. Sampling them proves the layout was
        // drawn.
        const QColor banner = image.pixelColor(image.width() / 2, 4);
        const QColor middle = image.pixelColor(image.width() / 2, image.height() / 2);
        const QColor log = image.pixelColor(image.width() / 2, image.height() - 4);
        QVERIFY2(banner.lightness() < 80, qPrintable(banner.name()));
        QVERIFY2(middle.lightness() > 200, qPrintable(middle.name()));
        QVERIFY2(log.lightness() < 80, qPrintable(log.name()));
    }
};

QTEST_GUILESS_MAIN(TestAppScreenshot)
#include "tst_app_screenshot.moc"
