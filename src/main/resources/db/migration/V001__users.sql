-- Users, their profiles and their API tokens. Every table that holds a person's data references users(id)
-- with ON DELETE CASCADE, so deleting a user removes everything of theirs in one statement.

CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

-- Zone names are checked against PostgreSQL's own tz database, so that SQL which buckets days with
-- AT TIME ZONE never meets a name it cannot use. Only an error is caught; the function reads no table.
CREATE FUNCTION is_valid_time_zone(zone text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  PERFORM now() AT TIME ZONE zone;
  RETURN true;
EXCEPTION WHEN invalid_parameter_value THEN
  RETURN false;
END
$$;

CREATE TABLE users (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The id the customer's app knows the person by, e.g. a Telegram id. On Citus, users would be a reference
  -- table: it is small, and this key is global by nature.
  external_id text UNIQUE CHECK (length(external_id) BETWEEN 1 AND 255),
  time_zone   text NOT NULL DEFAULT 'UTC' CHECK (is_valid_time_zone(time_zone)),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Seed 001: a profile row exists for every user from the moment the user does.
CREATE TABLE user_profiles (
  user_id     uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  profile     jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(profile) = 'object'),
  preferences jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(preferences) = 'object'),
  patterns    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(patterns) = 'object'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER user_profiles_updated_at BEFORE UPDATE ON user_profiles FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE FUNCTION create_user_profile() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO user_profiles (user_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER users_create_profile AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION create_user_profile();

-- Only SHA-256 hashes of tokens are stored. A service token acts for any user (a bot's backend); a user
-- token only for its user, whose id it carries, so that its row is found by (user_id, token_hash).
CREATE TABLE service_tokens (
  token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
  name       text,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE user_tokens (
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
  name       text,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  PRIMARY KEY (user_id, token_hash)
);
