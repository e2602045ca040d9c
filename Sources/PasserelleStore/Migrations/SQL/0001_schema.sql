-- Passerelle's schema. PostgreSQL is the source of truth; the Xapian shards and the
-- in-memory graph are derived from it through the outbox.

CREATE DOMAIN country_code AS text CHECK (VALUE ~ '^[A-Z]{2}$');
CREATE DOMAIN language_code AS text CHECK (VALUE IN ('fr', 'en', 'de', 'es', 'it', 'pt', 'zh'));

-- The country job spaces. Each has a partition of job_postings and of profiles;
-- postings and CVs of other countries (a roaming partner's) go to the default ones.
CREATE TABLE countries (
    code country_code PRIMARY KEY,
    default_language language_code NOT NULL
);

CREATE TABLE members (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The member's stable id in the API and in JSON Resume's meta.id.
    external_id text NOT NULL UNIQUE CHECK (external_id ~ '^[A-Za-z0-9._:-]{1,100}$'),
    name text NOT NULL CHECK (btrim(name) <> ''),
    email text,
    country country_code NOT NULL,
    language language_code NOT NULL,
    headline text,
    open_to_work boolean NOT NULL DEFAULT false,
    profile_visibility text NOT NULL DEFAULT 'public'
        CHECK (profile_visibility IN ('public', 'network', 'hidden')),
    hide_connections boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- What profiles' foreign key points at: a CV lives in its member's country.
    UNIQUE (id, country)
);

CREATE TABLE companies (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- hiringOrganization.identifier: the company's id in the API.
    external_id text NOT NULL UNIQUE CHECK (external_id ~ '^[A-Za-z0-9._:-]{1,100}$'),
    name text NOT NULL CHECK (btrim(name) <> ''),
    -- Lower case, accents and punctuation folded: how CV work entries find it.
    normalized_name text NOT NULL,
    country country_code,
    url text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX companies_normalized_name ON companies (normalized_name, country);

-- A member's jobs; the current ones have no end date.
CREATE TABLE employments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id bigint NOT NULL REFERENCES members ON DELETE CASCADE,
    company_id bigint NOT NULL REFERENCES companies ON DELETE CASCADE,
    title text,
    start_date date,
    end_date date,
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
CREATE INDEX employments_member ON employments (member_id);
CREATE INDEX employments_current ON employments (company_id, member_id) WHERE end_date IS NULL;

-- Schools, for tie strength (classmates) and CV search.
CREATE TABLE educations (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id bigint NOT NULL REFERENCES members ON DELETE CASCADE,
    institution text NOT NULL CHECK (btrim(institution) <> ''),
    normalized_institution text NOT NULL,
    area text,
    start_date date,
    end_date date,
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
CREATE INDEX educations_member ON educations (member_id);
CREATE INDEX educations_institution ON educations (normalized_institution);

-- One row per unordered pair, the smaller id first.
CREATE TABLE connections (
    member_a bigint NOT NULL REFERENCES members ON DELETE CASCADE,
    member_b bigint NOT NULL REFERENCES members ON DELETE CASCADE,
    since timestamptz NOT NULL DEFAULT now(),
    -- 0 to 1; NULL: the network computes it from what the two share.
    strength real CHECK (strength >= 0 AND strength <= 1),
    PRIMARY KEY (member_a, member_b),
    CHECK (member_a < member_b)
);
CREATE INDEX connections_member_b ON connections (member_b, member_a);

CREATE TABLE connection_invitations (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inviter_id bigint NOT NULL REFERENCES members ON DELETE CASCADE,
    invitee_id bigint NOT NULL REFERENCES members ON DELETE CASCADE,
    message text,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
    created_at timestamptz NOT NULL DEFAULT now(),
    decided_at timestamptz,
    CHECK (inviter_id <> invitee_id)
);
CREATE UNIQUE INDEX connection_invitations_pending
    ON connection_invitations (least(inviter_id, invitee_id), greatest(inviter_id, invitee_id))
    WHERE status = 'pending';

-- A posting's identity. job_postings is partitioned by country, and PostgreSQL
-- only enforces uniqueness within a partition; this table makes the id and
-- (company, language, requisition id) unique across all countries, and the
-- composite foreign key below keeps job_postings' copy of them in step.
CREATE SEQUENCE job_postings_id_seq;
CREATE TABLE job_posting_keys (
    id bigint PRIMARY KEY DEFAULT nextval('job_postings_id_seq'),
    company_id bigint NOT NULL REFERENCES companies ON DELETE CASCADE,
    language language_code NOT NULL,
    requisition_id text NOT NULL CHECK (btrim(requisition_id) <> ''),
    country country_code NOT NULL,
    UNIQUE (company_id, language, requisition_id),
    UNIQUE (id, company_id, language, requisition_id, country)
);
ALTER SEQUENCE job_postings_id_seq OWNED BY job_posting_keys.id;

CREATE TABLE job_postings (
    id bigint NOT NULL,
    country country_code NOT NULL,
    company_id bigint NOT NULL,
    language language_code NOT NULL,
    requisition_id text NOT NULL,
    title text NOT NULL CHECK (btrim(title) <> ''),
    -- Sanitised HTML.
    description text NOT NULL,
    employment_types text[] NOT NULL DEFAULT '{}' CHECK (employment_types <@ ARRAY[
        'FULL_TIME', 'PART_TIME', 'CONTRACTOR', 'TEMPORARY', 'INTERN', 'VOLUNTEER', 'PER_DIEM', 'OTHER']),
    remote boolean NOT NULL DEFAULT false,
    city text,
    region text,
    postal_code text,
    latitude double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude double precision CHECK (longitude BETWEEN -180 AND 180),
    salary_min double precision CHECK (salary_min >= 0),
    salary_max double precision CHECK (salary_max >= 0),
    salary_currency text CHECK (salary_currency ~ '^[A-Z]{3}$'),
    salary_period text CHECK (salary_period IN ('HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR')),
    skills text[] NOT NULL DEFAULT '{}',
    occupational_category text,
    experience_months integer CHECK (experience_months >= 0),
    date_posted date NOT NULL,
    valid_through timestamptz NOT NULL,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CHECK (salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max),
    CHECK ((salary_min IS NULL AND salary_max IS NULL) OR salary_currency IS NOT NULL),
    PRIMARY KEY (country, id),
    FOREIGN KEY (id, company_id, language, requisition_id, country)
        REFERENCES job_posting_keys (id, company_id, language, requisition_id, country)
        ON UPDATE CASCADE ON DELETE CASCADE
) PARTITION BY LIST (country);
CREATE INDEX job_postings_id ON job_postings (id);
CREATE INDEX job_postings_company ON job_postings (company_id, status);

-- A member's CV, in its member's country.
CREATE TABLE profiles (
    member_id bigint NOT NULL,
    country country_code NOT NULL,
    language language_code NOT NULL,
    -- The JSON Resume document as given.
    resume jsonb NOT NULL CHECK (jsonb_typeof(resume) = 'object'),
    headline text,
    summary text,
    city text,
    latitude double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude double precision CHECK (longitude BETWEEN -180 AND 180),
    skills text[] NOT NULL DEFAULT '{}',
    relocate_to text[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((latitude IS NULL) = (longitude IS NULL)),
    PRIMARY KEY (country, member_id),
    FOREIGN KEY (member_id, country) REFERENCES members (id, country) ON UPDATE CASCADE ON DELETE CASCADE
) PARTITION BY LIST (country);
CREATE INDEX profiles_member ON profiles (member_id);

-- Adds a country job space: its row and its partitions, moving any of its
-- postings and CVs out of the default partitions.
CREATE FUNCTION passerelle_add_country(code country_code, default_language language_code)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    suffix text := lower(code);
    parent text;
BEGIN
    INSERT INTO countries VALUES (code, default_language) ON CONFLICT DO NOTHING;
    FOREACH parent IN ARRAY ARRAY['job_postings', 'profiles'] LOOP
        IF to_regclass(parent || '_' || suffix) IS NOT NULL THEN
            CONTINUE;
        END IF;
        EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                       parent || '_' || suffix, parent);
        IF to_regclass(parent || '_default') IS NOT NULL THEN
            EXECUTE format('INSERT INTO %I SELECT * FROM %I WHERE country = %L',
                           parent || '_' || suffix, parent || '_default', code);
            EXECUTE format('DELETE FROM %I WHERE country = %L', parent || '_default', code);
        END IF;
        EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES IN (%L)',
                       parent, parent || '_' || suffix, code);
    END LOOP;
END;
$$;

CREATE TABLE job_postings_default PARTITION OF job_postings DEFAULT;
CREATE TABLE profiles_default PARTITION OF profiles DEFAULT;

SELECT passerelle_add_country('FR', 'fr');
SELECT passerelle_add_country('DE', 'de');
SELECT passerelle_add_country('ES', 'es');
SELECT passerelle_add_country('IT', 'it');
SELECT passerelle_add_country('PT', 'pt');
SELECT passerelle_add_country('GB', 'en');
SELECT passerelle_add_country('CN', 'zh');

CREATE TABLE accounts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id bigint NOT NULL UNIQUE REFERENCES members ON DELETE CASCADE,
    email text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
    password_hash text NOT NULL,
    role text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'recruiter', 'admin')),
    -- The company a recruiter or company admin acts for.
    company_id bigint REFERENCES companies,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_login_at timestamptz,
    CHECK ((role = 'member') = (company_id IS NULL))
);
CREATE UNIQUE INDEX accounts_email ON accounts (lower(email));

-- Bearer tokens and cookie sessions; only a hash of the token is kept.
CREATE TABLE sessions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    kind text NOT NULL CHECK (kind IN ('bearer', 'cookie')),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    CHECK (expires_at > created_at)
);
CREATE INDEX sessions_account ON sessions (account_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE referral_requests (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id bigint NOT NULL REFERENCES job_posting_keys ON DELETE CASCADE,
    candidate_id bigint NOT NULL REFERENCES members ON DELETE CASCADE,
    referrer_id bigint NOT NULL REFERENCES members ON DELETE CASCADE,
    message text,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
    created_at timestamptz NOT NULL DEFAULT now(),
    decided_at timestamptz,
    CHECK (candidate_id <> referrer_id),
    CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX referral_requests_once ON referral_requests (job_id, candidate_id, referrer_id);
CREATE INDEX referral_requests_referrer ON referral_requests (referrer_id, status);

CREATE TABLE referrals (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id bigint UNIQUE REFERENCES referral_requests ON DELETE SET NULL,
    job_id bigint NOT NULL REFERENCES job_posting_keys ON DELETE CASCADE,
    -- NULL once the member was erased; the other side keeps the record.
    candidate_id bigint REFERENCES members ON DELETE SET NULL,
    referrer_id bigint REFERENCES members ON DELETE SET NULL,
    note text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referrals_candidate ON referrals (candidate_id);
CREATE INDEX referrals_referrer ON referrals (referrer_id);

CREATE TABLE applications (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id bigint NOT NULL REFERENCES job_posting_keys ON DELETE CASCADE,
    -- NULL once the candidate was erased: the recruiter's record stays, anonymised.
    member_id bigint REFERENCES members ON DELETE SET NULL,
    referral_id bigint REFERENCES referrals ON DELETE SET NULL,
    stage text NOT NULL DEFAULT 'applied'
        CHECK (stage IN ('applied', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn')),
    message text,
    -- The CV as sent with the application.
    resume jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
-- Apply once per job (erased candidates, NULL, do not collide).
CREATE UNIQUE INDEX applications_once ON applications (job_id, member_id);
CREATE INDEX applications_member ON applications (member_id);

CREATE TABLE application_stage_changes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id bigint NOT NULL REFERENCES applications ON DELETE CASCADE,
    stage text NOT NULL
        CHECK (stage IN ('applied', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn')),
    changed_by bigint REFERENCES members ON DELETE SET NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_stage_changes_application ON application_stage_changes (application_id);

-- Changes for the index writer and the graph, written in the same transaction as
-- the change itself. Readers go in (txid, id) order and only past transactions
-- older than every running one (pg_snapshot_xmin), so a row committed late with a
-- smaller id is never skipped.
CREATE TABLE outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    topic text NOT NULL CHECK (topic IN ('posting', 'profile', 'connection', 'member')),
    operation text NOT NULL CHECK (operation IN ('upsert', 'delete')),
    -- The shard for postings and profiles.
    country country_code,
    -- The posting or member; for a connection, member_a, and member_b in other_id.
    entity_id bigint NOT NULL,
    other_id bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((topic = 'connection') = (other_id IS NOT NULL)),
    CHECK (topic NOT IN ('posting', 'profile') OR country IS NOT NULL)
);
CREATE INDEX outbox_order ON outbox (txid, id);

-- Wakes the index writer at commit (one notification per transaction).
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('passerelle_outbox', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
