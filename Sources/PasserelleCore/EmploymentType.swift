/// schema.org's `employmentType` values, the raw value as a feed spells it.
public enum EmploymentType: String, CaseIterable, Hashable, Sendable, Codable {
    case fullTime = "FULL_TIME"
    case partTime = "PART_TIME"
    case contractor = "CONTRACTOR"
    case temporary = "TEMPORARY"
    case intern = "INTERN"
    case volunteer = "VOLUNTEER"
    case perDiem = "PER_DIEM"
    case other = "OTHER"
}
