import PasserelleCore

/// Days since 1970 of dates the generator uses often.
enum CalendarDateDays {
    /// The end of an academic year.
    static func june30(_ year: Int) -> Int { CalendarDate(year: year, month: 6, day: 30)!.daysSinceEpoch }
}
