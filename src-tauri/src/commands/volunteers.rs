//! Commands of the volunteer registry: search, records, eligibility rules, skills, duplicates.

use jasaq::identity::{self, IinInfo};
use jasaq::volunteers::{
    self, DischargeInput, DuplicateFlag, NewRuleSet, PublishReport, RuleSet, SaveOutcome, Skill,
    SkillDraft, UpdateVolunteer, Volunteer, VolunteerDetail, VolunteerInput, VolunteerPage,
    VolunteerQuery,
};
use jasaq::{Error, IdInput, IinInput, Result};

use super::Shared;
use crate::shell::blocking;

/// Checks an IIN as the user types: its check digit, and the birth date and sex it proposes.
#[tauri::command]
pub async fn inspect_iin(shell: Shared<'_>, input: IinInput) -> Result<IinInfo> {
    blocking(&shell, move |s| {
        s.as_actor(|_, actor| {
            actor.ready()?;
            identity::parse_iin(&input.iin).map_err(|field| Error::invalid(vec![field]))
        })
    })
    .await
}

#[tauri::command]
pub async fn search_volunteers(shell: Shared<'_>, input: VolunteerQuery) -> Result<VolunteerPage> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| volunteers::search(store, actor, &input))
    })
    .await
}

#[tauri::command]
pub async fn get_volunteer(shell: Shared<'_>, input: IdInput) -> Result<VolunteerDetail> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| volunteers::get(store, actor, &input.id))
    })
    .await
}

#[tauri::command]
pub async fn register_volunteer(shell: Shared<'_>, input: VolunteerInput) -> Result<SaveOutcome> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| volunteers::register(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn update_volunteer(shell: Shared<'_>, input: UpdateVolunteer) -> Result<SaveOutcome> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| volunteers::update(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn enrol_volunteer(shell: Shared<'_>, input: IdInput) -> Result<Volunteer> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| volunteers::enrol(store, actor, &input.id))
    })
    .await
}

#[tauri::command]
pub async fn discharge_volunteer(shell: Shared<'_>, input: DischargeInput) -> Result<Volunteer> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| volunteers::discharge(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn list_skills(shell: Shared<'_>) -> Result<Vec<Skill>> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| volunteers::list_skills(store, actor))
    })
    .await
}

#[tauri::command]
pub async fn save_skill(shell: Shared<'_>, input: SkillDraft) -> Result<Skill> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| volunteers::save_skill(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn list_duplicates(shell: Shared<'_>) -> Result<Vec<DuplicateFlag>> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| volunteers::list_duplicates(store, actor))
    })
    .await
}

#[tauri::command]
pub async fn resolve_duplicate(shell: Shared<'_>, input: IdInput) -> Result<DuplicateFlag> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| volunteers::resolve_duplicate(store, actor, &input.id))
    })
    .await
}

#[tauri::command]
pub async fn list_rule_sets(shell: Shared<'_>) -> Result<Vec<RuleSet>> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| volunteers::list_rule_sets(store, actor))
    })
    .await
}

#[tauri::command]
pub async fn publish_rules(shell: Shared<'_>, input: NewRuleSet) -> Result<PublishReport> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| volunteers::publish_rules(store, actor, input))
    })
    .await
}
