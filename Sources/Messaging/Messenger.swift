// `Messenger` lives with the domain (a photo remembers which messenger holds it); the port names it
// too, so whoever speaks the port needs no second import.
@_exported import enum Casework.Messenger
