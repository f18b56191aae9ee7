#pragma once

#include "net/exchangefilter.h"
#include "net/exchangelog.h"
#include "security/keystore.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqml.h>

/// The log panel: every exchange of an hb::net::ExchangeLog, oldest first, kept in step with
/// the log (appends may happen on other threads; the model updates on its own thread).
class LogModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by AppController")

public:
    enum Roles {
        ExchangeIdRole = Qt::UserRole,
        KindRole,
        OriginRole,
        MethodRole,
        UrlRole,
        StatusRole,
        DurationRole, ///< total milliseconds, -1 when unknown
        CorsVerdictRole, ///< pass, pass-with-warning, fail, or empty when not evaluated
        SummaryRole, ///< the most important fact: error > findings > CORS failure > warning
        NoteRole,
        ServiceRole, ///< the CDS service id, "" when the exchange belongs to none
        SummaryKindRole, ///< error, findings, cors, warning, repeat (a collapsed warning), note
        FindingsRole, ///< worst finding severity: error, warning, info or ""
    };

    explicit LogModel(QObject *parent = nullptr);

    void setLog(hb::net::ExchangeLog *log);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    /// The key store whose public keys verify the client JWTs shown in the inspector and which
    /// signs fresh ones for "copy as curl with live tokens". Not owned.
    void setKeys(const hb::security::KeyStore *keys) { m_keyStore = keys; }

    /// Everything the inspector shows for one (source) row: see hb::net::inspectorView().
    Q_INVOKABLE [[nodiscard]] QVariantMap details(int row) const;
    /// curl that repeats the row's request, secrets redacted; with `live` the tokens as sent and
    /// a freshly signed client JWT, so it replays.
    Q_INVOKABLE [[nodiscard]] QString curl(int row, bool live) const;
    /// Writes every exchange as HAR 1.2 (credentials redacted) under $HOOKBENCH_HOME/exports
    /// and returns a sentence naming the file, or why it could not be written.
    Q_INVOKABLE QString exportHar() const;
    /// Writes the HAR to `file` (a path or file: URL from a save dialog); returns the sentence.
    Q_INVOKABLE QString saveHar(const QUrl &file) const;
    /// Writes the bug report bundle into a new folder under `folder` (empty: $HOOKBENCH_HOME/
    /// exports); returns a sentence naming it.
    Q_INVOKABLE QString writeBugReport(const QUrl &folder) const;
    /// Puts text on the clipboard.
    Q_INVOKABLE void copy(const QString &text) const;
    /// The hook of the most recent hook call in the log ("" when none), for "fire again".
    Q_INVOKABLE [[nodiscard]] QString lastHook() const;
    /// One rule of docs/rules.md: {id, text, html, severity, url, section}; empty when unknown.
    Q_INVOKABLE [[nodiscard]] QVariantMap rule(const QString &id) const;
    /// `all` followed by `values`: the choices of a filter-bar combo box.
    Q_INVOKABLE [[nodiscard]] QStringList withAll(const QString &all,
                                                  const QStringList &values) const
    {
        return QStringList {all} + values;
    }
    /// The shipped rules reference (docs/rules.md) as Markdown, for the rule viewer.
    Q_INVOKABLE [[nodiscard]] QString rulesMarkdown() const;

    /// The exchange shown in a row (the row must be valid).
    const hb::net::Exchange &exchangeAt(int row) const { return *m_rows.at(row); }
    /// The row's filter keys (search text, service), computed once.
    const hb::net::ExchangeKeys &keysAt(int row) const { return m_keys.at(row); }
    /// The row of an exchange id, -1 when it is not (or no longer) in the model.
    int rowOfExchange(quint64 id) const;
    /// Kinds and services seen so far, sorted, for the filter bar's choices.
    Q_INVOKABLE [[nodiscard]] QStringList kinds() const;
    Q_INVOKABLE [[nodiscard]] QStringList services() const;

    /// One line for the row's summary column: the most important fact.
    static QString summaryOf(const hb::net::Exchange &exchange);

private:
    void reload();
    void onAdded(quint64 id);
    void onUpdated(quint64 id);
    /// What the summary column shows; a warning already shown for the same target collapses
    /// into a pointer to its first row, so one local-network warning does not fill the log.
    struct RowSummary
    {
        QString text; ///< empty for a repeat: summaryText() words it when shown
        QString kind;
        quint64 repeatOf = 0; ///< the first exchange showing the same warning
    };
    RowSummary summaryFor(const hb::net::Exchange &exchange);
    /// A repeat's sentence is built when a row is shown, not kept for each of 100,000 rows.
    QString summaryText(int row) const;
    void appendRow(hb::net::ExchangeRef exchange);

    QPointer<hb::net::ExchangeLog> m_log;
    const hb::security::KeyStore *m_keyStore = nullptr;
    QList<hb::net::ExchangeRef> m_rows; ///< the log's own objects, shared, not copied
    QList<RowSummary> m_summaries;
    QList<hb::net::ExchangeKeys> m_keys;
    QHash<quint64, int> m_rowById;
    QHash<QString, quint64> m_firstWarning; ///< warning key -> first exchange showing it
};
