import QtQuick

// Encounter: starting and discharging fire encounter-start and encounter-discharge.
WorkflowScreen {
    encounter: true
}
