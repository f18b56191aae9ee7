#pragma once

#include "net/exchangefilter.h"

#include <QPointer>
#include <QSortFilterProxyModel>
#include <QtQml/qqml.h>

class LogModel;

/// The log panel's view of the exchange log: the filter bar's choices (kind, service, status
/// class, CORS verdict, findings severity, free text over URL and bodies) and the order
/// (newest or oldest first). The matching itself is hb::net::matches(), shared with the tests.
class LogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(LogModel *log READ log WRITE setLog NOTIFY logChanged)
    Q_PROPERTY(QString kind READ kind WRITE setKind NOTIFY filterChanged)
    Q_PROPERTY(QString service READ service WRITE setService NOTIFY filterChanged)
    Q_PROPERTY(QString statusClass READ statusClass WRITE setStatusClass NOTIFY filterChanged)
    Q_PROPERTY(QString corsVerdict READ corsVerdict WRITE setCorsVerdict NOTIFY filterChanged)
    Q_PROPERTY(QString minSeverity READ minSeverity WRITE setMinSeverity NOTIFY filterChanged)
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY filterChanged)
    Q_PROPERTY(bool newestFirst READ newestFirst WRITE setNewestFirst NOTIFY newestFirstChanged)
    Q_PROPERTY(bool filtered READ filtered NOTIFY filterChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    explicit LogFilterModel(QObject *parent = nullptr);

    LogModel *log() const { return m_log; }
    void setLog(LogModel *log);
    QString kind() const { return m_filter.kinds.value(0); }
    void setKind(const QString &kind);
    QString service() const { return m_filter.service; }
    void setService(const QString &service);
    QString statusClass() const { return m_filter.statusClass; }
    void setStatusClass(const QString &statusClass);
    QString corsVerdict() const { return m_filter.corsVerdict; }
    void setCorsVerdict(const QString &verdict);
    QString minSeverity() const { return m_filter.minSeverity; }
    void setMinSeverity(const QString &severity);
    QString text() const { return m_filter.text; }
    void setText(const QString &text);
    bool newestFirst() const { return m_newestFirst; }
    void setNewestFirst(bool newestFirst);
    bool filtered() const { return !m_filter.isEmpty(); }
    int count() const { return rowCount(); }

    /// The source (log) row of a row of this view, -1 when out of range.
    Q_INVOKABLE int sourceRow(int row) const;
    /// The view row showing the exchange with this id, -1 when it is filtered out.
    Q_INVOKABLE int rowOfExchange(quint64 id) const;
    /// Clears every filter (the order stays).
    Q_INVOKABLE void clearFilters();

Q_SIGNALS:
    void logChanged();
    void filterChanged();
    void newestFirstChanged();
    void countChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void changeFilter(const std::function<void(hb::net::ExchangeFilter &)> &change);

    QPointer<LogModel> m_log;
    hb::net::ExchangeFilter m_filter;
    bool m_newestFirst = false;
};
