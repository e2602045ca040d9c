import Foundation
import PasserelleCore

/// JSON Resume lines. A CV is its member's (`meta.id`): importing it again
/// updates the member, the CV, and its employments and schools. A work entry's
/// company is found by its id (`url` https://{id}.example), else by its
/// normalised name in the member's country, else created.
struct ProfilesLoader: ImportLoader {
    func decode(_ line: FileLine) throws(LineError) -> ResumeRecord? {
        try ResumeFormat.decode(line.bytes)
    }

    func load(
        _ records: [(line: Int, record: ResumeRecord)], on connection: PostgresConnection
    ) async throws
        -> BatchOutcome
    {
        try await connection.execute(
            script: """
                -- CVs are a few kilobytes of jsonb, compressed as they are stored: lz4, where
                -- the server has it, is several times faster than the default pglz.
                SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_settings
                WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals);
                CREATE TEMP TABLE IF NOT EXISTS import_members (
                    line integer, external_id text, name text, email text, country text, language text,
                    headline text, open_to_work boolean, profile_visibility text, hide_connections boolean,
                    resume jsonb, summary text, city text, latitude double precision, longitude double precision,
                    skills text[], relocate_to text[], member_id bigint, old_country text);
                CREATE TEMP TABLE IF NOT EXISTS import_work (
                    line integer, position integer, company_external_id text, company_key text, company_name text,
                    company_normalized_name text, company_url text, company_id bigint, title text,
                    start_date date, end_date date);
                CREATE TEMP TABLE IF NOT EXISTS import_education (
                    line integer, position integer, institution text, normalized_institution text, area text,
                    start_date date, end_date date);
                CREATE TEMP TABLE IF NOT EXISTS import_changed (member_id bigint PRIMARY KEY);
                TRUNCATE import_members, import_work, import_education, import_changed;
                """)
        try await copy(records, on: connection)
        try await connection.analyzeOnce(["import_members", "import_work", "import_education"])
        try await connection.execute(
            script: """
                -- One line per member: the last one of the batch.
                DELETE FROM import_members s USING import_members t WHERE s.external_id = t.external_id AND s.line < t.line;
                DELETE FROM import_work w WHERE NOT EXISTS (SELECT 1 FROM import_members m WHERE m.line = w.line);
                DELETE FROM import_education e WHERE NOT EXISTS (SELECT 1 FROM import_members m WHERE m.line = e.line);
                UPDATE import_members s SET member_id = m.id, old_country = m.country
                FROM members m WHERE m.external_id = s.external_id;
                """)
        var outcome = BatchOutcome()
        // Members: a country change cascades to the CV's partition.
        var changed = Set<Int>()
        for row in try await connection.query(
            """
            INSERT INTO members (external_id, name, email, country, language, headline, open_to_work,
                                 profile_visibility, hide_connections)
            SELECT external_id, name, email, country, language, headline, open_to_work, profile_visibility,
                   hide_connections
            FROM import_members
            ON CONFLICT (external_id) DO UPDATE
            SET name = EXCLUDED.name, email = EXCLUDED.email, country = EXCLUDED.country,
                language = EXCLUDED.language, headline = EXCLUDED.headline, open_to_work = EXCLUDED.open_to_work,
                profile_visibility = EXCLUDED.profile_visibility, hide_connections = EXCLUDED.hide_connections,
                updated_at = now()
            WHERE (members.name, members.email, members.country, members.language, members.headline,
                   members.open_to_work, members.profile_visibility, members.hide_connections)
                  IS DISTINCT FROM
                  (EXCLUDED.name, EXCLUDED.email, EXCLUDED.country, EXCLUDED.language, EXCLUDED.headline,
                   EXCLUDED.open_to_work, EXCLUDED.profile_visibility, EXCLUDED.hide_connections)
            RETURNING id, xmax = 0 AS inserted
            """)
        {
            if try row.decode("inserted", as: Bool.self) { outcome.inserted += 1 }
            changed.insert(try row.decode("id", as: Int.self))
        }
        try await connection.execute(
            script: """
                UPDATE import_members s SET member_id = m.id FROM members m
                WHERE s.member_id IS NULL AND m.external_id = s.external_id;
                """)
        let profiles = try await connection.query(
            """
            WITH moves AS (
                INSERT INTO outbox (topic, operation, country, entity_id)
                SELECT 'profile', 'delete', old_country, member_id FROM import_members
                WHERE old_country IS NOT NULL AND old_country <> country
                RETURNING entity_id
            ), upserted AS (
                INSERT INTO profiles (member_id, country, language, resume, headline, summary, city, latitude,
                                      longitude, skills, relocate_to)
                SELECT member_id, country, language, resume, headline, summary, city, latitude, longitude, skills,
                       relocate_to
                FROM import_members
                ON CONFLICT (country, member_id) DO UPDATE
                SET language = EXCLUDED.language, resume = EXCLUDED.resume, headline = EXCLUDED.headline,
                    summary = EXCLUDED.summary, city = EXCLUDED.city, latitude = EXCLUDED.latitude,
                    longitude = EXCLUDED.longitude, skills = EXCLUDED.skills, relocate_to = EXCLUDED.relocate_to,
                    updated_at = now()
                WHERE (profiles.language, profiles.resume, profiles.headline, profiles.summary, profiles.city,
                       profiles.latitude, profiles.longitude, profiles.skills, profiles.relocate_to)
                      IS DISTINCT FROM
                      (EXCLUDED.language, EXCLUDED.resume, EXCLUDED.headline, EXCLUDED.summary, EXCLUDED.city,
                       EXCLUDED.latitude, EXCLUDED.longitude, EXCLUDED.skills, EXCLUDED.relocate_to)
                RETURNING member_id, country
            ), outboxed AS (
                INSERT INTO outbox (topic, operation, country, entity_id)
                SELECT 'profile', 'upsert', country, member_id FROM upserted
                UNION
                SELECT 'profile', 'upsert', country, member_id FROM import_members
                WHERE old_country IS NOT NULL AND old_country <> country
            )
            SELECT member_id FROM upserted UNION SELECT entity_id FROM moves
            """)
        for row in profiles { changed.insert(try row.decode("member_id", as: Int.self)) }
        try await connection.execute(script: Self.mergeEmploymentsAndSchools)
        for row in try await connection.query("SELECT member_id FROM import_changed") {
            changed.insert(try row.decode("member_id", as: Int.self))
        }
        // The graph learns of new members, renamed ones and new colleagues here.
        try await connection.query(
            """
            INSERT INTO outbox (topic, operation, entity_id)
            SELECT 'member', 'upsert', id FROM unnest(\(changed.sorted())::bigint[]) AS id
            """)
        outcome.updated = changed.count - outcome.inserted
        outcome.unchanged = records.count - changed.count
        return outcome
    }

    private func copy(_ records: [(line: Int, record: ResumeRecord)], on connection: PostgresConnection) async throws {
        try await connection.copyIn(
            table: "import_members",
            columns: [
                "line", "external_id", "name", "email", "country", "language", "headline", "open_to_work",
                "profile_visibility", "hide_connections", "resume", "summary", "city", "latitude", "longitude",
                "skills", "relocate_to",
            ]
        ) { writer in
            for (line, record) in records {
                let member = record.member
                let profile = record.profile
                try await writer.append([
                    line, member.externalID, member.name, member.email, member.country, member.language,
                    member.headline, member.openToWork, member.profileVisibility, member.hideConnections,
                    profile.resume.jsonText, profile.summary, profile.city, profile.coordinates?.latitude,
                    profile.coordinates?.longitude, profile.skills, profile.relocateTo,
                ])
            }
        }
        try await connection.copyIn(
            table: "import_work",
            columns: [
                "line", "position", "company_external_id", "company_key", "company_name", "company_normalized_name",
                "company_url", "title", "start_date", "end_date",
            ]
        ) { writer in
            for (line, record) in records {
                for (position, work) in record.work.enumerated() {
                    let normalized = NameNormalizer.normalize(work.company.name)
                    let key = work.company.externalID ?? Self.companyKey(normalized, country: record.member.country)
                    try await writer.append([
                        line, position, work.company.externalID, key, work.company.name, normalized,
                        work.company.url, work.position, work.startDate, work.endDate,
                    ])
                }
            }
        }
        try await connection.copyIn(
            table: "import_education",
            columns: ["line", "position", "institution", "normalized_institution", "area", "start_date", "end_date"]
        ) { writer in
            for (line, record) in records {
                for (position, school) in record.education.enumerated() {
                    try await writer.append([
                        line, position, school.institution, NameNormalizer.normalize(school.institution), school.area,
                        school.startDate, school.endDate,
                    ])
                }
            }
        }
    }

    /// The id of a company known only by its name in a CV: readable, stable, and
    /// distinct per country (two "Globex" in two countries are two companies).
    static func companyKey(_ normalizedName: String, country: Country) -> String {
        let kept = normalizedName.unicodeScalars.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) ? $0 : "-" }
        let slug = String(String.UnicodeScalarView(kept)).split(separator: "-").joined(separator: "-").prefix(60)
        var hash: UInt32 = 2_166_136_261
        for byte in "\(normalizedName)/\(country.code)".utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return "\(slug.isEmpty ? "company" : String(slug))-\(country.code.lowercased())-\(String(hash, radix: 16))"
    }

    /// Companies of work entries found or created; then each member's employments
    /// and schools replaced when they differ from what is stored (so a re-import
    /// touches nothing). The members whose history changed go to import_changed.
    static let mergeEmploymentsAndSchools: String = """
        UPDATE import_work w SET company_id = c.id FROM companies c
        WHERE w.company_external_id IS NOT NULL AND c.external_id = w.company_external_id;
        UPDATE import_work w SET company_id = pick.id FROM (
            SELECT DISTINCT ON (w2.line, w2.position) w2.line, w2.position, c.id
            FROM import_work w2 JOIN import_members m ON m.line = w2.line
            JOIN companies c ON c.normalized_name = w2.company_normalized_name
                            AND (c.country = m.country OR c.country IS NULL)
            WHERE w2.company_id IS NULL AND w2.company_external_id IS NULL
            ORDER BY w2.line, w2.position, c.country IS NULL, c.id
        ) pick
        WHERE (w.line, w.position) = (pick.line, pick.position);
        INSERT INTO companies (external_id, name, normalized_name, country, url)
        SELECT DISTINCT ON (w.company_key) w.company_key, w.company_name, w.company_normalized_name, m.country,
               w.company_url
        FROM import_work w JOIN import_members m ON m.line = w.line
        WHERE w.company_id IS NULL ORDER BY w.company_key, w.line DESC
        ON CONFLICT (external_id) DO NOTHING;
        UPDATE import_work w SET company_id = c.id FROM companies c
        WHERE w.company_id IS NULL AND c.external_id = w.company_key;

        \(replaceHistory(
            staged: "import_work", stored: "employments", changed: "import_changed",
            compared: ["company_id", "title", "start_date", "end_date"],
            copied: ["company_id", "title", "start_date", "end_date"]))
        CREATE TEMP TABLE IF NOT EXISTS import_changed_schools (member_id bigint PRIMARY KEY);
        TRUNCATE import_changed_schools;
        \(replaceHistory(
            staged: "import_education", stored: "educations", changed: "import_changed_schools",
            compared: ["normalized_institution", "area", "start_date", "end_date"],
            copied: ["institution", "normalized_institution", "area", "start_date", "end_date"]))
        INSERT INTO import_changed SELECT member_id FROM import_changed_schools ON CONFLICT DO NOTHING;
        """

    /// SQL that replaces the `stored` rows (employments, schools) of the batch's
    /// members whose `staged` rows differ on the `compared` columns, and notes
    /// those members in `changed`; members whose history is the same are not touched.
    static func replaceHistory(
        staged: String, stored: String, changed: String, compared: [String], copied: [String]
    ) -> String {
        let row = "ROW(" + compared.joined(separator: ", ") + ")::text ORDER BY " + compared.joined(separator: ", ")
        return """
            INSERT INTO \(changed)
            SELECT m.member_id FROM import_members m
            LEFT JOIN (SELECT line, array_agg(\(row)) AS items FROM \(staged) GROUP BY line) incoming
                   ON incoming.line = m.line
            LEFT JOIN (SELECT member_id, array_agg(\(row)) AS items FROM \(stored)
                       WHERE member_id IN (SELECT member_id FROM import_members) GROUP BY member_id) kept
                   ON kept.member_id = m.member_id
            WHERE coalesce(incoming.items, '{}') IS DISTINCT FROM coalesce(kept.items, '{}')
            ON CONFLICT DO NOTHING;
            DELETE FROM \(stored) WHERE member_id IN (SELECT member_id FROM \(changed));
            INSERT INTO \(stored) (member_id, \(copied.joined(separator: ", ")))
            SELECT m.member_id, \(copied.map { "s." + $0 }.joined(separator: ", "))
            FROM \(staged) s JOIN import_members m ON m.line = s.line
            WHERE m.member_id IN (SELECT member_id FROM \(changed)) ORDER BY s.line, s.position;
            """
    }
}
