/// A job in a member's career, at a known company.
public struct Employment: Identifiable, Hashable, Sendable, Codable, Validatable {
    /// Passerelle's own id; 0 until a store saves it.
    public var id: Int64
    public var memberID: Int64
    public var companyID: Int64
    public var title: String?
    public var startDate: CalendarDate?
    /// Nil while the member still works there.
    public var endDate: CalendarDate?

    public init(
        id: Int64 = 0, memberID: Int64, companyID: Int64, title: String? = nil, startDate: CalendarDate? = nil,
        endDate: CalendarDate? = nil
    ) {
        self.id = id
        self.memberID = memberID
        self.companyID = companyID
        self.title = title
        self.startDate = startDate
        self.endDate = endDate
    }

    /// A current employment has no end date: the member is one of the company's
    /// employees, through whom referrals go.
    public var isCurrent: Bool { endDate == nil }

    public func validate() throws(ValidationError) {
        var validator = Validator()
        validator.period(start: startDate, end: endDate, endField: "endDate")
        try validator.finish()
    }
}
