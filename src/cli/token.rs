//! `nigehban token create|list|revoke`: manage the bearer tokens of volunteers and moderators
//! straight in the database (the first moderator has no other way in).

use clap::Subcommand;
use nigehban::collector::{Role, Store};

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create a token and print it, alone, on stdout (it is stored hashed: keep it now).
    Create {
        /// sqlite://PATH or postgres://...
        #[arg(
            long,
            env = "NIGEHBAN_DATABASE",
            default_value = "sqlite://nigehban.db"
        )]
        database: String,
        /// Whose token it is (a person or a team), shown to moderators.
        #[arg(long)]
        name: String,
        /// volunteer (may send reports) or moderator (may also review and manage tokens).
        #[arg(long, default_value = "volunteer", value_parser = ["volunteer", "moderator"])]
        role: String,
    },
    /// List tokens (never their secrets), one per line: id, role, name, state.
    List {
        #[arg(
            long,
            env = "NIGEHBAN_DATABASE",
            default_value = "sqlite://nigehban.db"
        )]
        database: String,
    },
    /// Revoke a token by its id (from `list`); it stops working at once.
    Revoke {
        #[arg(
            long,
            env = "NIGEHBAN_DATABASE",
            default_value = "sqlite://nigehban.db"
        )]
        database: String,
        #[arg(long)]
        id: i64,
    },
}

pub fn run(command: TokenCommand) -> i32 {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("nigehban: cannot start the async runtime: {e}");
            return 2;
        }
    };
    match runtime.block_on(execute(command)) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("nigehban: {e}");
            1
        }
    }
}

async fn execute(command: TokenCommand) -> Result<(), String> {
    match command {
        TokenCommand::Create {
            database,
            name,
            role,
        } => {
            let store = open(&database).await?;
            let role = Role::parse(&role).ok_or("role: volunteer or moderator")?;
            let (token, _) = store
                .create_token(&name, role, "command line")
                .await
                .map_err(|e| e.to_string())?;
            store.close().await;
            println!("{token}");
        }
        TokenCommand::List { database } => {
            let store = open(&database).await?;
            for t in store.list_tokens().await.map_err(|e| e.to_string())? {
                let state = match &t.revoked_at {
                    Some(at) => format!("revoked {at}"),
                    None => "live".to_string(),
                };
                println!("{}\t{}\t{}\t{state}", t.id, t.role.as_str(), t.name);
            }
            store.close().await;
        }
        TokenCommand::Revoke { database, id } => {
            let store = open(&database).await?;
            let revoked = store.revoke_token(id).await.map_err(|e| e.to_string())?;
            store.close().await;
            if !revoked {
                return Err(format!("no live token {id}"));
            }
            eprintln!("nigehban: token {id} revoked");
        }
    }
    Ok(())
}

async fn open(database: &str) -> Result<Store, String> {
    Store::connect(database)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))
}
