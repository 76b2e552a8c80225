import BotAPI
import Casework
import Messaging

/// Telegram's updates as the bot's events: what the bot reads of a message (text or caption, its
/// links, its largest photo, video or document, the album, the forward's origin, the message it
/// answers), a button press, a person blocking the bot or coming back.
public enum TelegramEvents {
    public static func inbound(_ update: Update) -> InboundUpdate {
        InboundUpdate(messenger: .telegram, receipt: update.updateId, event: event(update))
    }

    static func event(_ update: Update) -> InboundEvent {
        switch update.kind {
        case let .message(m):
            return .message(message(m))
        case let .callbackQuery(query):
            let chat = query.message?.message.chat.id ?? query.from.id
            return .press(ButtonPress(id: query.id, from: person(query.from), chat: chat,
                                      messageId: query.message?.message.messageId, payload: query.data))
        case let .myChatMember(change):
            // "kicked" means the person blocked the bot; "member" that they came back.
            guard change.chat.isPrivate else { return .ignored }
            return .reachability(person: change.from.id, reachable: change.newChatMember.status != "kicked")
        case .editedMessage, .unknown:
            return .ignored
        }
    }

    static func message(_ m: Message) -> InboundMessage {
        var media: [MediaRef] = []
        if let photo = m.photo?.max(by: { $0.width * $0.height < $1.width * $1.height }) {
            media.append(MediaRef(kind: .photo, fileId: photo.fileId))
        }
        if let video = m.video { media.append(MediaRef(kind: .video, fileId: video.fileId)) }
        if let document = m.document { media.append(MediaRef(kind: .document, fileId: document.fileId)) }
        return InboundMessage(chat: m.chat.id, isPrivate: m.chat.isPrivate, from: m.from.map(person), messageId: m.messageId,
                              text: m.textOrCaption ?? "", links: m.linkURLs, media: media, albumId: m.mediaGroupId,
                              forwardOrigin: origin(m.forwardOrigin), replyTo: m.replyToMessage?.value.messageId)
    }

    static func person(_ user: User) -> InboundPerson {
        InboundPerson(id: user.id, name: [user.firstName, user.lastName].compactMap { $0 }.joined(separator: " "), isBot: user.isBot)
    }

    static func origin(_ origin: MessageOrigin?) -> ForwardOriginInfo? {
        switch origin {
        case nil: return nil
        case let .user(_, user): return .user(id: user.id, name: person(user).name)
        case let .hiddenUser(_, name): return .hiddenUser(name: name)
        case let .chat(_, chat, _): return .chat(chatID: chat.id, title: chat.title ?? "", username: chat.username)
        case let .channel(_, chat, messageId, _):
            return .channel(chatID: chat.id, username: chat.username, title: chat.title ?? "", messageID: messageId)
        }
    }
}
