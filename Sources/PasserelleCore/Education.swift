/// A school in a member's CV: classmates make strong ties.
public struct Education: Identifiable, Hashable, Sendable, Codable, Validatable {
    /// Passerelle's own id; 0 until a store saves it.
    public var id: Int64
    public var memberID: Int64
    public var institution: String
    /// The field of study.
    public var area: String?
    public var startDate: CalendarDate?
    public var endDate: CalendarDate?

    public init(
        id: Int64 = 0, memberID: Int64, institution: String, area: String? = nil, startDate: CalendarDate? = nil,
        endDate: CalendarDate? = nil
    ) {
        self.id = id
        self.memberID = memberID
        self.institution = institution
        self.area = area
        self.startDate = startDate
        self.endDate = endDate
    }

    /// The institution as classmates are matched on; derived from `institution`.
    public var normalizedInstitution: String { NameNormalizer.normalize(institution) }

    public func validate() throws(ValidationError) {
        var validator = Validator()
        validator.nonBlank(institution, field: "institution")
        validator.period(start: startDate, end: endDate, endField: "endDate")
        try validator.finish()
    }
}
