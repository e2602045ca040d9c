/// Every area of the pages, in the order of their links in the navigation. An
/// area added in its own files is listed here (one line).
enum PageAreas {
    static let all: [PageArea] = [.common, .jobs, .member, .recruiter, .admin, .settings]
}
