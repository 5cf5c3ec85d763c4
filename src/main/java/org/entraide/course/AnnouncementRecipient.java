package org.entraide.course;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.entraide.account.Person;

/** A learner an announcement was sent to: audiences change, so who received one is kept. */
@Entity
@Table(name = "course_announcement_recipient")
public class AnnouncementRecipient extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "announcement_id")
    public CourseAnnouncement announcement;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;
}
