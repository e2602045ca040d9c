import Foundation
import PasserelleCore

/// schema.org JobPosting lines. A posting is the same posting when its company,
/// language and requisition id are (FORMATS.md): importing it again updates it,
/// and a new country moves it to that country's partition.
struct JobsLoader: ImportLoader {
    let today = CalendarDate(utcDayOf: Date())

    func decode(_ line: FileLine) throws(LineError) -> PostingRecord? {
        try JobPostingFormat.decode(line.bytes, today: today)
    }

    /// The staging table's columns, in COPY order; the posting columns are named
    /// as in job_postings, so the merge can list them once.
    static let postingColumns = [
        "country", "language", "requisition_id", "title", "description", "employment_types", "remote", "city",
        "region", "postal_code", "latitude", "longitude", "salary_min", "salary_max", "salary_currency",
        "salary_period", "skills", "occupational_category", "experience_months", "date_posted", "valid_through",
    ]
    static let companyColumns = ["company_external_id", "company_name", "company_normalized_name", "company_url"]

    func load(
        _ records: [(line: Int, record: PostingRecord)], on connection: PostgresConnection
    ) async throws
        -> BatchOutcome
    {
        try await connection.execute(
            script: """
                CREATE TEMP TABLE IF NOT EXISTS import_jobs (
                    line integer, company_external_id text, company_name text, company_normalized_name text,
                    company_url text, company_id bigint, posting_id bigint, existed boolean,
                    country text, language text, requisition_id text, title text, description text,
                    employment_types text[], remote boolean, city text, region text, postal_code text,
                    latitude double precision, longitude double precision, salary_min double precision,
                    salary_max double precision, salary_currency text, salary_period text, skills text[],
                    occupational_category text, experience_months integer, date_posted date,
                    valid_through timestamptz);
                TRUNCATE import_jobs;
                """)
        try await connection.copyIn(
            table: "import_jobs", columns: ["line"] + Self.companyColumns + Self.postingColumns
        ) { writer in
            for (line, record) in records {
                let posting = record.posting
                let company = record.company
                try await writer.append([
                    line, company.externalID, company.name, NameNormalizer.normalize(company.name), company.url,
                    posting.country, posting.language, posting.requisitionID, posting.title, posting.description,
                    posting.employmentTypes, posting.remote, posting.city, posting.region, posting.postalCode,
                    posting.coordinates?.latitude, posting.coordinates?.longitude, posting.salary?.minimum,
                    posting.salary?.maximum, posting.salary?.currency, posting.salary?.period, posting.skills,
                    posting.occupationalCategory, posting.experienceMonths, posting.datePosted,
                    posting.validThrough,
                ])
            }
        }
        let columns = Self.postingColumns.joined(separator: ", ")
        let updates = Self.postingColumns.filter { !["country", "language", "requisition_id"].contains($0) }
        let assignments = updates.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        let current = updates.map { "job_postings.\($0)" }.joined(separator: ", ")
        let incoming = updates.map { "EXCLUDED.\($0)" }.joined(separator: ", ")
        try await connection.analyzeOnce(["import_jobs"])
        try await connection.execute(
            script: """
                -- The companies, created or renamed; the last line of the batch wins.
                INSERT INTO companies (external_id, name, normalized_name, url)
                SELECT DISTINCT ON (company_external_id)
                       company_external_id, company_name, company_normalized_name, company_url
                FROM import_jobs ORDER BY company_external_id, line DESC
                ON CONFLICT (external_id) DO UPDATE
                SET name = EXCLUDED.name, normalized_name = EXCLUDED.normalized_name,
                    url = coalesce(EXCLUDED.url, companies.url), updated_at = now()
                WHERE (companies.name, companies.url) IS DISTINCT FROM (EXCLUDED.name, coalesce(EXCLUDED.url, companies.url));
                UPDATE import_jobs s SET company_id = c.id FROM companies c WHERE c.external_id = s.company_external_id;
                -- One line per posting: the last one of the batch.
                DELETE FROM import_jobs s USING import_jobs t
                WHERE (s.company_id, s.language, s.requisition_id) = (t.company_id, t.language, t.requisition_id)
                  AND s.line < t.line;
                """)
        // Postings that move country: their old shard forgets them.
        let moved = try await connection.query(
            """
            WITH moves AS (
                SELECT k.id, k.country AS old_country, s.country AS new_country
                FROM job_posting_keys k JOIN import_jobs s
                  ON (k.company_id, k.language, k.requisition_id) = (s.company_id, s.language, s.requisition_id)
                WHERE k.country <> s.country
            ), outboxed AS (
                INSERT INTO outbox (topic, operation, country, entity_id)
                SELECT 'posting', 'delete', old_country, id FROM moves
                UNION ALL SELECT 'posting', 'upsert', new_country, id FROM moves
            )
            SELECT id FROM moves
            """
        ).map { try $0.decode("id", as: Int.self) }
        // The key row takes the new country; the composite foreign key carries
        // job_postings' row to the new partition. (RETURNING xmax, the usual way
        // to tell an insert from an update, is refused on partitioned tables:
        // `existed` says it instead.)
        try await connection.execute(
            script: """
                UPDATE import_jobs s SET existed = EXISTS (SELECT 1 FROM job_postings p, job_posting_keys k
                    WHERE (k.company_id, k.language, k.requisition_id) = (s.company_id, s.language, s.requisition_id)
                      AND p.id = k.id);
                INSERT INTO job_posting_keys (company_id, language, requisition_id, country)
                SELECT company_id, language, requisition_id, country FROM import_jobs
                ON CONFLICT (company_id, language, requisition_id) DO UPDATE SET country = EXCLUDED.country
                WHERE job_posting_keys.country <> EXCLUDED.country;
                UPDATE import_jobs s SET posting_id = k.id FROM job_posting_keys k
                WHERE (k.company_id, k.language, k.requisition_id) = (s.company_id, s.language, s.requisition_id);
                """)
        let written = try await connection.query(
            PostgresQuery(
                sql: """
                    WITH upserted AS (
                        INSERT INTO job_postings (id, company_id, \(columns))
                        SELECT posting_id, company_id, \(columns) FROM import_jobs
                        ON CONFLICT (country, id) DO UPDATE SET \(assignments), updated_at = now()
                        WHERE (\(current)) IS DISTINCT FROM (\(incoming))
                        RETURNING id, country
                    ), outboxed AS (
                        INSERT INTO outbox (topic, operation, country, entity_id)
                        SELECT 'posting', 'upsert', country, id FROM upserted
                    )
                    SELECT u.id, NOT s.existed AS inserted FROM upserted u JOIN import_jobs s ON s.posting_id = u.id
                    """))
        var outcome = BatchOutcome()
        var updated = Set(moved)
        for row in written {
            if try row.decode("inserted", as: Bool.self) {
                outcome.inserted += 1
            } else {
                updated.insert(try row.decode("id", as: Int.self))
            }
        }
        outcome.updated = updated.count
        outcome.unchanged = records.count - outcome.inserted - outcome.updated
        return outcome
    }
}
