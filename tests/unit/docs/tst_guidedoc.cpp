// The user guide and its screenshots stay in step (issue 11): every image docs/gen-screenshots
// writes (light and dark) is shown or linked by docs/guide.md, every image the guide names
// exists, and each is a real PNG of the window's size.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

class TestGuideDoc : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void screenshotsAndGuideAgree()
    {
        const QString docs = QStringLiteral(HOOKBENCH_SOURCE_DIR "/docs/");
        QFile guide(docs + u"guide.md"_s);
        QVERIFY(guide.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(guide.readAll());
        QSet<QString> named;
        static const QRegularExpression link(uR"(\]\((images/[^)\s]+\.png)\))"_s);
        for (const auto &match : link.globalMatch(text))
            named.insert(match.captured(1));

        QSet<QString> files;
        QDirIterator it(docs + u"images"_s, {u"*.png"_s}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            files.insert(QDir(docs).relativeFilePath(it.next()));

        QVERIFY2(files.size() >= 15, qPrintable(QString::number(files.size()))); // 8 + 7 dark
        for (const QString &file : files)
            QVERIFY2(named.contains(file), qPrintable(file + u" is not in docs/guide.md"_s));
        for (const QString &name : named) {
            QVERIFY2(files.contains(name), qPrintable(name + u" is named but missing"_s));
            const QImage image(docs + name);
            QVERIFY2(image.width() >= 1280 && image.height() >= 720, qPrintable(name));
        }
        QVERIFY(named.contains(u"images/services-two-sources.png"_s));
        QVERIFY(named.contains(u"images/dark/services-two-sources.png"_s));
    }
};

QTEST_GUILESS_MAIN(TestGuideDoc)
#include "tst_guidedoc.moc"
