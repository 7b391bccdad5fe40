//! The Env tab's view on a `TestBackend`: the guide's groups, sources, masked values and the
//! line that says so; revealed on request, with a banner that says it is on; findings coloured
//! by severity; no planted secret anywhere on screen unless revealed. 80x24 and 120x40.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use docktor::diagnose::{Facts, Finding, Part, Severity, Subject, evaluate, findings};
use docktor::envcheck::db::{DbFacts, Network, Target, Via};
use docktor::envcheck::probe::{Answer, Outcome, Report};
use docktor::envcheck::spec::{Origin, Spec};
use docktor::envcheck::{EnvFacts, Masker, baked::ImageSide, dotenv};
use docktor::profile::Profile;
use docktor::tui::panes::env::view::{EnvScreen, render};
use docktor::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::widgets::{Block, Borders};

const PLANTED: &str = "Pl4nted";

fn facts(insecure: bool) -> (Facts, Profile) {
    let mut env: Vec<String> = [
        "PATH=/usr/local/bin:/usr/bin",
        "LANG=C.UTF-8",
        "DEBUG=False",
        "DB_NAME=app",
        "DB_USER=app",
        "DB_PASSWORD=Pl4nted-DB-Passw0rd",
        "DB_HOST=db",
        "DB_PORT=5432",
        "DATABASE_URL=postgres://app:Pl4nted-Url@db:5432/app",
        "SECRET_KEY=Pl4nted-Good-Key-q3V8xLm2Rt7Zp9Wn4Kc6Hb1Jd5Fg0Ys8Ue3Ai7Oo2Pl9Mk4Nj",
        "ALLOWED_HOSTS=api.example.com",
        "SUPERUSER_USERNAME=admin",
        "SUPERUSER_PASSWORD=Pl4nted-Super-Passw0rd",
        "CORS_ALLOWED_ORIGINS=https://app.example.com",
        "MEDIA_ROOT=/app/media",
    ]
    .map(String::from)
    .to_vec();
    if insecure {
        env.push("DEBUG=True".into());
        env.push("ALLOWED_HOSTS=*".into());
    }
    let image = ImageSide {
        reference: "jaay-baan-backend:1".into(),
        env: vec![
            "PATH=/usr/local/bin:/usr/bin".into(),
            "LANG=C.UTF-8".into(),
            "DEBUG=False".into(),
        ],
        history: vec![],
    };
    let spec = Spec {
        origin: Origin::Found,
        path: "BackEnd/.env.example".into(),
        file: dotenv::parse(
            b"DB_HOST=\nDB_PORT=5432\nSECRET_KEY=\nMEDIA_URL=\n",
            "BackEnd/.env.example",
        ),
    };
    let mut f = Facts::new(Subject::Container {
        id: "c0ffee".into(),
        name: "backend".into(),
    });
    f.env = Part::Ready(EnvFacts::new(&env, Ok(image), Some(spec), None));
    f.database = Part::Ready(DbFacts::Probed {
        target: Target {
            host: "db".into(),
            port: 5432,
            from: "DB_HOST/DB_PORT".into(),
            postgres: true,
        },
        via: Via::Exec,
        report: Report {
            tool: "nc".into(),
            outcome: if insecure {
                Outcome::Refused
            } else {
                Outcome::Open
            },
            ip: Some("172.20.0.3".into()),
            answer: (!insecure).then_some(Answer::Postgres),
            detail: String::new(),
        },
        networks: vec![Network {
            name: "backend".into(),
            aliases: vec![],
            peers: vec![],
        }],
    });
    (f, Profile::default())
}

fn draw(insecure: bool, reveal: bool, w: u16, h: u16) -> Buffer {
    let (f, p) = facts(insecure);
    let found: Vec<Finding> = findings(&evaluate(&f, &p, |r| r.id.starts_with("env.")));
    let env = f.env.get().unwrap_or_else(|| panic!("env"));
    let masker: Masker = env.masker(&p).revealing(reveal);
    let screen = EnvScreen {
        env: &f.env,
        database: &f.database,
        findings: &found,
        masker: &masker,
        scroll: 0,
    };
    let theme = Theme { mono: false };
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| panic!("{e}"));
    t.draw(|fr| {
        let block = Block::default()
            .borders(Borders::ALL)
            .title(" backend · Env ");
        render(fr, fr.area(), &screen, &theme, block);
    })
    .unwrap_or_else(|e| panic!("{e}"));
    t.backend().buffer().clone()
}

fn text(b: &Buffer) -> String {
    let w = b.area.width as usize;
    b.content
        .chunks(w)
        .map(|row| {
            row.iter()
                .map(|c| c.symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn masked_at_80x24_and_120x40() {
    insta::assert_snapshot!("env_masked_80x24", text(&draw(false, false, 80, 24)));
    insta::assert_snapshot!("env_insecure_120x40", text(&draw(true, false, 120, 40)));
    insta::assert_snapshot!("env_insecure_80x24", text(&draw(true, false, 80, 24)));
    insta::assert_snapshot!("env_masked_200x50", text(&draw(false, false, 200, 50)));
}

#[test]
fn revealed_says_so() {
    let b = draw(false, true, 120, 40);
    let screen = text(&b);
    insta::assert_snapshot!("env_revealed_120x40", screen);
    assert!(screen.contains("REVEALED"));
    let row = screen
        .lines()
        .position(|l| l.contains("REVEALED"))
        .unwrap_or(0);
    let col = screen
        .lines()
        .nth(row)
        .and_then(|l| l.find("REVEALED"))
        .unwrap_or(0);
    let cell = &b[(col as u16, row as u16)];
    assert!(
        cell.modifier.contains(Modifier::REVERSED),
        "the banner stands out: {cell:?}"
    );
}

#[test]
fn no_planted_secret_on_screen_unless_revealed() {
    for (insecure, w, h) in [(false, 80, 24), (true, 120, 40), (false, 200, 50)] {
        let s = text(&draw(insecure, false, w, h));
        assert!(!s.contains(PLANTED), "{s}");
        assert!(s.contains("***"), "{s}");
    }
    assert!(text(&draw(false, true, 200, 50)).contains("Pl4nted-DB-Passw0rd"));
}

#[test]
fn errors_are_red_and_the_database_line_says_how() {
    let b = draw(true, false, 120, 40);
    let s = text(&b);
    assert!(s.contains("database db:5432: refused (via exec:nc)"), "{s}");
    let row = s
        .lines()
        .position(|l| l.starts_with("│error"))
        .unwrap_or_else(|| panic!("an error row:\n{s}"));
    assert_eq!(b[(1, row as u16)].fg, Color::Red);
    let _ = Severity::Error;
}
