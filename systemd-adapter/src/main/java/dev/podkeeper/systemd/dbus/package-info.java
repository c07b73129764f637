/**
 * dbus-java bindings for the few systemd D-Bus members podkeeper calls. Public only because dbus-java
 * builds proxies and signal objects by reflection; nothing outside the systemd adapter uses them.
 */
package dev.podkeeper.systemd.dbus;
