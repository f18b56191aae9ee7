#pragma once

// Test helper exposed to tst_markdown_web.qml as `MarkdownLab`: the payload suite rendered by
// hb::ehr::renderCardDetail, and a loopback tracker that counts every connection made to it.
#include "ehr/markdownsafety.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QVariantList>

class MarkdownLab : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int trackerHits READ trackerHits NOTIFY trackerHitsChanged)
    Q_PROPERTY(QString trackerUrl READ trackerUrl CONSTANT)

public:
    explicit MarkdownLab(QObject *parent = nullptr)
        : QObject(parent)
    {
        m_tracker.listen(QHostAddress::LocalHost, 0);
        connect(&m_tracker, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_tracker.nextPendingConnection()) {
                ++m_hits;
                Q_EMIT trackerHitsChanged();
                connect(socket, &QIODevice::readyRead, socket, [this, socket] {
                    const QByteArray head = socket->readAll();
                    m_paths << QString::fromUtf8(head.left(head.indexOf('\r')));
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                                  "Content-Length: 2\r\nConnection: close\r\n\r\nok");
                    socket->disconnectFromHost();
                });
            }
        });
    }

    int trackerHits() const { return m_hits; }
    /// The request lines the tracker received, for failure messages.
    Q_INVOKABLE QString trackerRequests() const { return m_paths.join(QStringLiteral(" | ")); }
    QString trackerUrl() const
    {
        return QStringLiteral("http://127.0.0.1:%1").arg(m_tracker.serverPort());
    }

    /// [{name, markdown, html}] with the tracker's URL in every payload.
    Q_INVOKABLE QVariantList payloads() const
    {
        QFile file(QStringLiteral(HOOKBENCH_TEST_DATA "/ehr/markdown-payloads.json"));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QVariantList out;
        for (const auto &value : QJsonDocument::fromJson(file.readAll()).array()) {
            const QJsonObject p = value.toObject();
            const QString markdown = p.value(QStringLiteral("markdown"))
                                         .toString()
                                         .replace(QStringLiteral("{{tracker}}"), trackerUrl());
            out << QVariantMap {
                {QStringLiteral("name"), p.value(QStringLiteral("name")).toString()},
                {QStringLiteral("markdown"), markdown},
                {QStringLiteral("html"), hb::ehr::renderCardDetail(markdown)}};
        }
        return out;
    }

Q_SIGNALS:
    void trackerHitsChanged();

private:
    QTcpServer m_tracker;
    int m_hits = 0;
    QStringList m_paths;
};
