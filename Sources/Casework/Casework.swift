// Casework: the regulation as pure code
