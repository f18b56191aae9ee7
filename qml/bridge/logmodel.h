#pragma once

#include "net/exchangelog.h"

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
        SummaryRole, ///< one line: the error, the CORS failure, or the findings count
        NoteRole,
    };

    explicit LogModel(QObject *parent = nullptr);

    void setLog(hb::net::ExchangeLog *log);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    /// Everything the inspector shows for one row: request, response, cors, jwt, findings, curl.
    Q_INVOKABLE [[nodiscard]] QVariantMap details(int row) const;
    /// Writes every exchange as HAR 1.2 (credentials redacted) under $HOOKBENCH_HOME/exports
    /// and returns a sentence naming the file, or why it could not be written.
    Q_INVOKABLE QString exportHar() const;

    /// One line for the row's summary column (also used by the CLI-like text exports).
    static QString summaryOf(const hb::net::Exchange &exchange);

private:
    void reload();
    void onAdded(quint64 id);
    void onUpdated(quint64 id);
    int rowOf(quint64 id) const;

    QPointer<hb::net::ExchangeLog> m_log;
    QList<hb::net::Exchange> m_rows;
};
