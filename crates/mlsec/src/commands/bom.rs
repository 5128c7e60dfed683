//! `mlsec bom`: write (and optionally sign) a CycloneDX ML-BOM for a model.

use anyhow::Context as _;
use mlsec_bom::{BomOptions, ModelCardFile, SpecVersion, Timestamp};
use mlsec_cli::{BomArgs, BomSpec};

use crate::ExitStatus;

fn timestamp(arg: Option<&str>) -> anyhow::Result<Timestamp> {
    Ok(match arg {
        Some("now") => Timestamp::Now,
        Some("omit") => Timestamp::Omit,
        Some(t) => Timestamp::At(t.to_owned()),
        None => match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(v) => {
                let secs: i64 = v
                    .trim()
                    .parse()
                    .with_context(|| format!("SOURCE_DATE_EPOCH={v:?} is not a number of seconds"))?;
                Timestamp::At(mlsec_bom::format_unix_utc(secs))
            }
            Err(_) => Timestamp::Now,
        },
    })
}

pub fn run(args: &BomArgs) -> anyhow::Result<ExitStatus> {
    let card = match &args.card {
        Some(p) => ModelCardFile::load(p)?,
        None => ModelCardFile::default(),
    };
    let opts = BomOptions {
        spec: match args.spec {
            BomSpec::V1_6 => SpecVersion::V1_6,
            BomSpec::V1_7 => SpecVersion::V1_7,
        },
        timestamp: timestamp(args.timestamp.as_deref())?,
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
    };
    let bom = mlsec_bom::build(&args.path, &card, &opts)?;
    let text = mlsec_bom::to_json(&bom);
    match &args.output {
        Some(p) => super::write_file(p, text.as_bytes())?,
        None => super::out(&text)?,
    }
    if let Some(key) = &args.sign_key {
        let signer = super::sign::load_signer(
            key,
            args.password.as_deref(),
            args.certificate.as_deref(),
            &args.certificate_chain,
        )?;
        let (name, root) = mlsec_bom::subject_of(&bom).context("the BOM has no model root digest")?;
        let bundle = mlsec_signing::sign_payload(mlsec_bom::statement(&bom, name, root), &signer);
        let sig = args.signature.clone().unwrap_or_else(|| match &args.output {
            Some(o) => {
                let mut s = o.clone().into_os_string();
                s.push(".sig");
                s.into()
            }
            None => "bom.sig".into(),
        });
        super::write_file(&sig, &bundle.to_json())?;
        super::eprint(&format!(
            "mlsec: BOM signed (subject sha256:{root}); signature written to {}",
            sig.display()
        ));
    }
    Ok(ExitStatus::Success)
}
