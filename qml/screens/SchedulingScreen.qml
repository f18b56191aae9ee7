import QtQuick

// Scheduling: booking a follow-up fires appointment-book.
WorkflowScreen {
    encounter: false
}
