extension CalendarDate {
    /// Months as Indonesians write them.
    public static let indonesianMonths = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                                          "Oktober", "November", "Desember"]

    /// `30 Juni 2025`.
    public var indonesianText: String {
        "\(day) \(Self.indonesianMonths[min(max(month, 1), 12) - 1]) \(year)"
    }

    /// Months in English, for the English pages.
    public static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                       "October", "November", "December"]

    /// `30 June 2025`.
    public var englishText: String {
        "\(day) \(Self.englishMonths[min(max(month, 1), 12) - 1]) \(year)"
    }
}
