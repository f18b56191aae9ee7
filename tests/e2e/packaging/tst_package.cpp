// The Debian package as a user gets it (issue #13): scripts/package packages the built tree, then
// we look inside the .deb, extract it into a temporary root and run what it installed.
#include "../processrunner.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace {

ProcessResult run(const QString &program, const QStringList &args,
                  const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                  int timeoutMs = 300000)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(program, args);
    ProcessResult result;
    if (!process.waitForStarted(timeoutMs) || !process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = u"%1 did not finish in time: %2"_s.arg(program, process.errorString());
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

#define VERIFY_RAN(result) QVERIFY2((result).exitCode == 0, qPrintable((result).out + (result).err))

const QString appId = QStringLiteral(HOOKBENCH_APP_ID);

} // namespace

class TestPackage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_deb;
    QString m_root;
    QStringList m_files; // paths in the package, "./usr/bin/hookbench" style

    QString control(const QString &field) const
    {
        return run(u"dpkg-deb"_s, {u"-f"_s, m_deb, field}).out.trimmed();
    }

    QProcessEnvironment extractedEnv() const
    {
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOOKBENCH_HOME"_s, m_tmp.filePath(u"home"_s));
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        return env;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        if (QStandardPaths::findExecutable(u"dpkg-deb"_s).isEmpty())
            QSKIP("dpkg-deb not installed: not a Debian system");
        const auto packaged = run(QStringLiteral(HOOKBENCH_SOURCE_DIR "/scripts/package"),
                                  {u"--build-dir"_s, QStringLiteral(HOOKBENCH_BUILD_DIR),
                                   u"--no-lintian"_s, m_tmp.filePath(u"out"_s)});
        VERIFY_RAN(packaged);
        m_deb = packaged.out.trimmed().section(u'\n', -1);
        QVERIFY2(QFile::exists(m_deb), qPrintable(m_deb));

        const auto contents = run(u"dpkg-deb"_s, {u"--contents"_s, m_deb});
        VERIFY_RAN(contents);
        for (const QString &line : contents.out.split(u'\n', Qt::SkipEmptyParts)) {
            // "-rwxr-xr-x root/root 123 2026-01-01 00:00 ./usr/bin/hookbench"
            m_files << line.section(u' ', -1).section(u" -> "_s, 0, 0);
            QVERIFY2(line.contains(u" root/root "_s), qPrintable(line));
        }
        m_root = m_tmp.filePath(u"root"_s);
        VERIFY_RAN(run(u"dpkg-deb"_s, {u"-x"_s, m_deb, m_root}));
    }

    void fileNameIsDebianConventional()
    {
        const QString arch = run(u"dpkg"_s, {u"--print-architecture"_s}).out.trimmed();
        QCOMPARE(QFileInfo(m_deb).fileName(),
                 u"hookbench_%1_%2.deb"_s.arg(QStringLiteral(HOOKBENCH_PACKAGE_VERSION), arch));
    }

    void installsWhatADesktopNeeds()
    {
        QStringList expected {u"./usr/bin/hookbench"_s,
                              u"./usr/bin/hookbench-cli"_s,
                              u"./usr/share/applications/%1.desktop"_s.arg(appId),
                              u"./usr/share/metainfo/%1.metainfo.xml"_s.arg(appId),
                              u"./usr/share/icons/hicolor/scalable/apps/%1.svg"_s.arg(appId),
                              u"./usr/share/man/man1/hookbench.1.gz"_s,
                              u"./usr/share/man/man1/hookbench-cli.1.gz"_s,
                              u"./usr/share/bash-completion/completions/hookbench-cli"_s,
                              u"./usr/share/doc/hookbench/copyright"_s,
                              u"./usr/share/doc/hookbench/changelog.gz"_s};
        for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512})
            expected << u"./usr/share/icons/hicolor/%1x%1/apps/%2.png"_s.arg(size).arg(appId);
        for (const QString &path : expected)
            QVERIFY2(m_files.contains(path), qPrintable(u"missing "_s + path));
        for (const QString &path : std::as_const(m_files)) {
            QVERIFY2(path == u"./"_s || path.startsWith(u"./usr/"_s), qPrintable(path));
            // Nothing of the build machine or the test suite leaks into the package.
            QVERIFY2(!path.contains(u"tst_"_s) && !path.contains(u"/work/"_s), qPrintable(path));
        }
        for (int size : {16, 48, 512}) {
            const QImage icon(
                m_root + u"/usr/share/icons/hicolor/%1x%1/apps/%2.png"_s.arg(size).arg(appId));
            QCOMPARE(icon.size(), QSize(size, size));
        }
    }

    void controlFieldsDescribeThePackage()
    {
        QCOMPARE(control(u"Package"_s), u"hookbench"_s);
        QCOMPARE(control(u"Version"_s), QStringLiteral(HOOKBENCH_PACKAGE_VERSION));
        QCOMPARE(control(u"Section"_s), u"devel"_s);
        QCOMPARE(control(u"Priority"_s), u"optional"_s);
        const QString description = control(u"Description"_s);
        QVERIFY2(description.count(u'\n') >= 5, qPrintable(description)); // a real extended one
        QVERIFY(description.contains(u"CDS Hooks"_s));
        const QString depends = control(u"Depends"_s);
        // shlibdeps saw the libraries the binaries link...
        for (const QString &library : {u"libqt6core6"_s, u"libqt6quick6"_s, u"libssl3"_s})
            QVERIFY2(depends.contains(library), qPrintable(depends));
        // ...and the list names the run-time modules it cannot see: the platform plugins, and
        // WebEngine, which the app loads only with web/BrowserView.qml (its QML module).
        QVERIFY2(depends.contains(u"qt6-qpa-plugins"_s), qPrintable(depends));
        QVERIFY2(depends.contains(u"qml6-module-qtwebengine"_s), qPrintable(depends));
    }

    // Every QML module the UI imports, and the modules those import in turn, must come from a
    // package that Depends names, or from one of their dependencies: otherwise the window stays
    // empty on a machine that installed only what the package declared.
    void everyQmlImportIsADeclaredDependency()
    {
        QSet<QString> declared;
        const QString depends = control(u"Depends"_s);
        for (const QString &item : depends.split(u',', Qt::SkipEmptyParts))
            declared << item.trimmed().section(u' ', 0, 0);
        // Close over dependencies of the declared qml6/qt6 packages, as apt would install them.
        QStringList queue(declared.begin(), declared.end());
        while (!queue.isEmpty()) {
            const QString package = queue.takeLast();
            if (!package.startsWith(u"qml6-"_s) && !package.startsWith(u"qt6-"_s))
                continue;
            const auto deps = run(u"dpkg-query"_s, {u"-W"_s, u"-f=${Depends}"_s, package});
            for (const QString &item : deps.out.split(u',', Qt::SkipEmptyParts)) {
                const QString name = item.trimmed().section(u' ', 0, 0);
                if (!declared.contains(name)) {
                    declared << name;
                    queue << name;
                }
            }
        }

        QSet<QString> modules;
        const QRegularExpression importLine(u"^import\\s+([A-Z][\\w.]*)"_s,
                                            QRegularExpression::MultilineOption);
        QDirIterator it(QStringLiteral(HOOKBENCH_QML_SOURCE_DIR), {u"*.qml"_s}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            auto matches = importLine.globalMatch(QString::fromUtf8(file.readAll()));
            while (matches.hasNext())
                modules << matches.next().captured(1);
        }
        modules.remove(u"Hookbench"_s); // our own module, compiled into the binary
        QVERIFY(modules.contains(u"QtQuick.Controls"_s));

        const QString qmlDir = QStringLiteral(HOOKBENCH_QT_QML_DIR);
        QSet<QString> seen;
        QStringList pending(modules.begin(), modules.end());
        while (!pending.isEmpty()) {
            const QString module = pending.takeLast();
            if (seen.contains(module))
                continue;
            seen << module;
            const QString qmldir
                = qmlDir + u'/' + QString(module).replace(u'.', u'/') + u"/qmldir"_s;
            if (!QFile::exists(qmldir)) {
                // A module our QML names must be installed; one that a module imports in turn
                // may be built into a Qt library (QtQml.Models, when qml6-module-qtqml-models is
                // absent): the app runs here without it, as extractedAppTakesAScreenshot shows.
                QVERIFY2(!modules.contains(module),
                         qPrintable(u"no module "_s + module + u" at "_s + qmldir));
                continue;
            }
            const auto owner = run(u"dpkg"_s, {u"-S"_s, qmldir});
            VERIFY_RAN(owner);
            const QString package = owner.out.section(u':', 0, 0).trimmed();
            QVERIFY2(
                declared.contains(package),
                qPrintable(u"QML module %1 comes from %2, which the package does not depend "
                           "on (add it to CPACK_DEBIAN_PACKAGE_DEPENDS)"_s.arg(module, package)));
            QFile file(qmldir);
            QVERIFY(file.open(QIODevice::ReadOnly));
            for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
                // "import X" and "default import X" load X at run time. "depends X" is for
                // tooling only (QtWebEngine's QtWebChannel is not installed with it), and
                // "optional import" names styles the app does not select.
                QStringList words = line.simplified().split(u' ');
                if (words.value(0) == u"default"_s)
                    words.removeFirst();
                if (words.size() >= 2 && words[0] == u"import"_s)
                    pending << words[1];
            }
        }
    }

    void binariesAreStrippedAndHardened()
    {
        qsizetype fortified = 0;
        for (const QString &binary : {u"hookbench"_s, u"hookbench-cli"_s}) {
            const QString path = m_root + u"/usr/bin/"_s + binary;
            const auto sections = run(u"readelf"_s, {u"--section-headers"_s, u"--wide"_s, path});
            VERIFY_RAN(sections);
            QVERIFY2(!sections.out.contains(u".symtab"_s), "not stripped");
            QVERIFY2(!sections.out.contains(u".debug_"_s), "debug information left in");
            const auto header = run(u"readelf"_s, {u"--file-header"_s, path});
            QVERIFY2(header.out.contains(u"DYN (Position-Independent Executable"_s), "not PIE");
            const auto dynamic = run(u"readelf"_s, {u"--dynamic"_s, path});
            QVERIFY2(dynamic.out.contains(u"BIND_NOW"_s) || dynamic.out.contains(u" NOW"_s),
                     "not linked with -z now");
            const auto segments = run(u"readelf"_s, {u"--program-headers"_s, path});
            QVERIFY2(segments.out.contains(u"GNU_RELRO"_s), "no RELRO");
            const auto symbols = run(u"readelf"_s, {u"--dyn-syms"_s, u"--wide"_s, path});
            QVERIFY2(symbols.out.contains(u"__stack_chk_fail"_s), "no stack protector");
            fortified += symbols.out.count(QRegularExpression(u"__\\w+_chk@"_s));
        }
        // FORTIFY_SOURCE only swaps in a checked function where the compiler cannot prove the
        // call safe, so one binary may have none (hookbench-cli today); the package must.
#ifdef HOOKBENCH_SANITIZED
        QSKIP("FORTIFY_SOURCE: a sanitizer build is made without it (ASan and TSan replace "
              "those functions; cmake/HookbenchHardening.cmake), so there is nothing to check");
#endif
        QVERIFY2(fortified > 0, "no FORTIFY_SOURCE checked functions in either binary");
    }

    void extractedCliReportsItsBuild()
    {
        const auto result
            = run(m_root + u"/usr/bin/hookbench-cli"_s, {u"--version"_s}, extractedEnv(), 60000);
        VERIFY_RAN(result);
        const QStringList lines = result.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0), u"hookbench-cli "_s + QStringLiteral(HOOKBENCH_PACKAGE_VERSION));
        QVERIFY2(QRegularExpression(u"^commit ([0-9a-f]{7,}(-dirty)?|unknown)$"_s)
                     .match(lines.value(1))
                     .hasMatch(),
                 qPrintable(result.out));
        QVERIFY2(lines.value(2).startsWith(u"Qt 6."_s), qPrintable(result.out));
        QVERIFY2(lines.value(3).startsWith(u"OpenSSL 3"_s), qPrintable(result.out));
    }

    void extractedAppTakesAScreenshot()
    {
        const QString png = m_tmp.filePath(u"shot.png"_s);
        const auto result = run(m_root + u"/usr/bin/hookbench"_s, {u"--screenshot"_s, png},
                                extractedEnv(), 120000);
        VERIFY_RAN(result);
        const QJsonObject state = QJsonDocument::fromJson(result.out.trimmed().toUtf8()).object();
        QVERIFY2(!state.value(u"patient"_s).toString().isEmpty(), qPrintable(result.out));
        const QImage image(png);
        QVERIFY(image.width() >= 960 && image.height() >= 600);
    }

    void bashCompletionOffersCommandsAndValues()
    {
        const QString script = m_root + u"/usr/share/bash-completion/completions/hookbench-cli"_s;
        auto complete = [&](const QString &words, int cword) {
            return run(u"bash"_s,
                       {u"-c"_s,
                        u"source '%1'; COMP_WORDS=(%2); COMP_CWORD=%3; "
                        "_hookbench_cli; echo \"${COMPREPLY[*]}\""_s.arg(script, words)
                            .arg(cword)})
                .out.trimmed();
        };
        QCOMPARE(complete(u"hookbench-cli ser"_s, 1), u"serve"_s);
        QCOMPARE(complete(u"hookbench-cli serve --no-"_s, 2), u"--no-auth --no-builtin"_s);
        QVERIFY(complete(u"hookbench-cli token --fault ''"_s, 3).contains(u"alg-none"_s));
        QVERIFY(complete(u"hookbench-cli keys ''"_s, 2).contains(u"rotate"_s));
    }

    void manPagesDocumentEveryCommand()
    {
        const auto page
            = run(u"sh"_s,
                  {u"-c"_s,
                   u"gzip -dc '%1'"_s.arg(m_root + u"/usr/share/man/man1/hookbench-cli.1.gz"_s)});
        VERIFY_RAN(page);
        const auto help = run(m_root + u"/usr/bin/hookbench-cli"_s, {u"--help"_s}, extractedEnv());
        const QString commands = help.out.section(u"Commands:\n"_s, 1).section(u"\n\n"_s, 0, 0);
        for (const QString &line : commands.split(u'\n', Qt::SkipEmptyParts)) {
            const QString command = line.simplified().section(u' ', 0, 0);
            QVERIFY2(page.out.contains(u".SS "_s + command + u'\n'), qPrintable(command));
        }
        QVERIFY(!page.out.contains(u"/work/"_s)); // names the command, not the build tree
        if (QStandardPaths::findExecutable(u"man"_s).isEmpty())
            return;
        for (const QString &name : {u"hookbench"_s, u"hookbench-cli"_s}) {
            // man's own checker, as lintian runs it: no roff warnings.
            const auto checked
                = run(u"sh"_s,
                      {u"-c"_s,
                       u"LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 "
                       "man --warnings -E UTF-8 -l -Tutf8 -Z '%1' "
                       ">/dev/null"_s.arg(m_root + u"/usr/share/man/man1/"_s + name + u".1.gz"_s)});
            QVERIFY2(checked.exitCode == 0 && checked.err.trimmed().isEmpty(),
                     qPrintable(checked.err));
        }
    }

    void desktopFileIsValid()
    {
        if (QStandardPaths::findExecutable(u"desktop-file-validate"_s).isEmpty())
            QSKIP("desktop-file-validate not installed (Debian: desktop-file-utils)");
        const QString file = m_root + u"/usr/share/applications/%1.desktop"_s.arg(appId);
        const auto result = run(u"desktop-file-validate"_s, {file});
        QVERIFY2(result.exitCode == 0 && result.out.trimmed().isEmpty(), qPrintable(result.out));
        QFile desktop(file);
        QVERIFY(desktop.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(desktop.readAll());
        // The X11 WM_CLASS Qt gives the window: the application name (checked with xprop).
        QVERIFY(text.contains(u"\nStartupWMClass=hookbench\n"_s));
        QVERIFY(text.contains(u"\nIcon=%1\n"_s.arg(appId)));
    }

    void appStreamMetadataIsValid()
    {
        if (QStandardPaths::findExecutable(u"appstreamcli"_s).isEmpty())
            QSKIP("appstreamcli not installed (Debian: appstream)");
        const auto result = run(u"appstreamcli"_s,
                                {u"validate"_s, u"--no-net"_s,
                                 m_root + u"/usr/share/metainfo/%1.metainfo.xml"_s.arg(appId)});
        VERIFY_RAN(result);
    }

    // A release names its version in four places; a package whose changelog or AppStream
    // release list lags behind the binary misleads users and fails store checks.
    void releaseNotesNameThisVersion()
    {
        const QString version = QStringLiteral(HOOKBENCH_PACKAGE_VERSION);
        auto read = [](const QString &relative) {
            QFile file(QStringLiteral(HOOKBENCH_SOURCE_DIR "/") + relative);
            return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
        };
        QVERIFY(
            read(u"packaging/debian/changelog"_s).startsWith(u"hookbench (%1) "_s.arg(version)));
        const auto changelog = run(u"sh"_s,
                                   {u"-c"_s,
                                    u"gzip -dc '%1' | head -1"_s.arg(
                                        m_root + u"/usr/share/doc/hookbench/changelog.gz"_s)});
        QVERIFY(changelog.out.startsWith(u"hookbench (%1) "_s.arg(version)));
        QVERIFY(read(u"CHANGELOG.md"_s).contains(u"\n## [%1] - "_s.arg(version)));
        const QString metainfo = read(u"packaging/linux/%1.metainfo.xml"_s.arg(appId));
        const qsizetype first = metainfo.indexOf(u"<release "_s);
        QVERIFY(first > 0);
        QVERIFY2(metainfo.mid(first, 60).contains(u"version=\"%1\""_s.arg(version)),
                 "the newest <release> must come first and name this version");
    }

    void lintianFindsNoErrorsOrWarnings()
    {
        if (QStandardPaths::findExecutable(u"lintian"_s).isEmpty())
            QSKIP("lintian not installed");
        QFile suppressFile(
            QStringLiteral(HOOKBENCH_SOURCE_DIR "/packaging/debian/lintian-suppress"));
        QStringList suppressed;
        if (suppressFile.open(QIODevice::ReadOnly)) {
            for (const QString &line : QString::fromUtf8(suppressFile.readAll()).split(u'\n')) {
                if (!line.trimmed().isEmpty() && !line.trimmed().startsWith(u'#'))
                    suppressed << line.trimmed();
            }
        }
        QStringList args {u"--fail-on"_s, u"error,warning"_s};
        if (!suppressed.isEmpty())
            args << u"--suppress-tags"_s << suppressed.join(u',');
        const auto result = run(u"lintian"_s, args << m_deb);
        VERIFY_RAN(result);
    }
};

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
