import Foundation
import PasserelleCore
import PasserelleSearch

/// Four postings: three in France (two of Acme's, one of Globex's), one in Germany.
enum JobCorpus {
    static let acme: Int64 = 1
    static let globex: Int64 = 2
    static let toulouse = GeoPoint(latitude: 43.6047, longitude: 1.4442)
    static let nearToulouse = GeoPoint(latitude: 43.62, longitude: 1.45)

    static let swiftToulouse = JobPosting(
        id: 101, country: .france, companyID: acme, language: .fr, requisitionID: "REQ-101",
        title: "Développeur Swift",
        description: "<p>Vous écrirez des applications iOS en Swift pour nos clients.</p>",
        employmentTypes: [.fullTime], city: "Toulouse", coordinates: toulouse,
        salary: SalaryRange(minimum: 45_000, maximum: 55_000, currency: "EUR", period: .year), skills: ["Swift"],
        datePosted: day(-2))
    static let iosParis = JobPosting(
        id: 102, country: .france, companyID: acme, language: .fr, requisitionID: "REQ-102",
        title: "Développeur iOS", description: "Application mobile en Objective-C.", employmentTypes: [.fullTime],
        remote: true, city: "Paris", coordinates: GeoPoint(latitude: 48.8566, longitude: 2.3522),
        salary: SalaryRange(minimum: 50_000, maximum: 60_000, currency: "EUR", period: .year),
        datePosted: day(-10))
    static let accountantToulouse = JobPosting(
        id: 103, country: .france, companyID: globex, language: .fr, requisitionID: "REQ-103", title: "Comptable",
        description: "Tenue des comptes.", employmentTypes: [.partTime], city: "Toulouse", coordinates: nearToulouse,
        datePosted: day(-1))
    static let swiftBerlin = JobPosting(
        id: 104, country: .germany, companyID: globex, language: .de, requisitionID: "REQ-104",
        title: "Softwareentwickler Swift", description: "Swift und Kotlin.", employmentTypes: [.contractor],
        city: "Berlin", coordinates: GeoPoint(latitude: 52.52, longitude: 13.405), datePosted: day(-3))

    static let postings = [swiftToulouse, iosParis, accountantToulouse, swiftBerlin]

    static var documents: [PostingDocument] {
        postings.map { PostingDocument(posting: $0, companyName: $0.companyID == acme ? "Acme" : "Globex") }
    }

    static func shards() throws -> TestShards { try TestShards(postings: documents) }
}
