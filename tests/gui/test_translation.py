#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window speaks the user's language: Simplified Chinese (zh_CN), Spanish
(es) and French (fr). In each, the empty state and the menu, then, with
certificates in the cache, the list, a certificate and the shortcuts window;
Chinese also in the dark style, Spanish and French also the preferences and a
paper check, whose texts are the longest."""

import os
import pathlib
import subprocess

import ecertgui

ECERT = os.environ['ECERT']
SOURCE = pathlib.Path(__file__).resolve().parent.parent.parent

# What each language shows, as the accessibility tree names it: a
# mnemonic's underscore is not part of the name.
LANGUAGES = {
    'zh_CN': {
        'title': '电子证书核查',
        'empty': '尚无证书',
        'set_up': '设置交换中心连接…',
        'main_menu': '主菜单',
        'menu_items': ('导入证书(I)…', '首选项(P)', '键盘快捷键(K)', '关于电子证书核查(A)', '退出(Q)'),
        'valid': '签名有效',
        'search': '搜索证书',
        'back': '返回列表',
        'shortcuts': '键盘快捷键',
        'styles': ('light', 'dark'),
    },
    'es': {
        'title': 'E-Cert Inspector',
        'empty': 'Aún no hay certificados',
        'set_up': 'Configurar la conexión al hub…',
        'main_menu': 'Menú principal',
        'menu_items': ('Comprobar un certificado en papel…', 'Borradores', 'Importar certificados…',
                       'Preferencias', 'Atajos del teclado', 'Acerca de E-Cert Inspector', 'Salir'),
        'valid': 'Firma válida',
        'search': 'Buscar certificados',
        'back': 'Volver a la lista',
        'shortcuts': 'Atajos del teclado',
        'styles': ('light',),
        'preferences': 'Preferencias',
        'preferences_labels': ('Hub de intercambio', 'Identidad del cliente', 'Anclas de confianza'),
        'not_received': 'No se ha recibido ningún certificado electrónico con el número NZ-2026-999999',
    },
    'fr': {
        'title': 'E-Cert Inspector',
        'empty': 'Aucun certificat pour l’instant',
        'set_up': 'Configurer la connexion au hub…',
        'main_menu': 'Menu principal',
        'menu_items': ('Vérifier un certificat papier…', 'Brouillons', 'Importer des certificats…',
                       'Préférences', 'Raccourcis clavier', 'À propos d’E-Cert Inspector', 'Quitter'),
        'valid': 'Signature valide',
        'search': 'Rechercher des certificats',
        'back': 'Retour à la liste',
        'shortcuts': 'Raccourcis clavier',
        'styles': ('light',),
        'preferences': 'Préférences',
        'preferences_labels': ('Hub d’échange', 'Identité du client', 'Ancres de confiance'),
        'not_received': 'Aucun certificat électronique portant le numéro NZ-2026-999999 n’a été reçu',
    },
}


def fill_cache(session):
    corpus = pathlib.Path(session.tmp) / 'corpus'
    cache = pathlib.Path(session.tmp) / 'cache.sqlite3'
    ecertgui.write_corpus(corpus, 12)
    subprocess.run([ECERT, 'import', '--cache', str(cache),
                    '--trust', f'NZ={SOURCE / "tests" / "data" / "pki" / "nz-root.pem"}',
                    str(corpus)], check=True, stdout=subprocess.DEVNULL)
    return cache


def empty_window(session, language, texts, prefix):
    window = session.start_app(language=language, title=texts['title'])
    session.find(window, 'label', texts['empty'])
    session.find(window, 'push button', texts['set_up'], action='click')
    session.screenshot(f'{prefix}-window')

    session.click_button(window, texts['main_menu'])
    for item in texts['menu_items']:
        session.find(window, 'menu item', item, action='click')
    session.screenshot(f'{prefix}-menu')
    session.keys('Escape')
    session.quit_with_ctrl_q()


def full_window(session, language, texts, prefix):
    for style in texts['styles']:
        # libadwaita's own switch for the colour scheme, as the system sets it.
        session.env['ADW_DEBUG_COLOR_SCHEME'] = 'prefer-dark' if style == 'dark' else 'default'
        window = session.start_app(language=language, title=texts['title'])
        session.find(window, 'label', texts['valid'])
        session.find(window, 'entry', texts['search'])
        session.screenshot(f'{prefix}-list-{style}')

        session.keys('ctrl+l')
        session.type_text('NZ-2026-000003')
        session.keys('Return')
        session.find(window, 'push button', texts['back'], action='click')
        session.find(window, 'label', texts['valid'])
        session.screenshot(f'{prefix}-certificate-{style}')

        session.keys('ctrl+question')
        session.window(texts['shortcuts'])
        session.screenshot(f'{prefix}-shortcuts-{style}')
        session.keys('Escape')
        session.window_gone(texts['shortcuts'])

        if 'preferences' in texts:
            session.keys('ctrl+comma')
            preferences = session.window(texts['preferences'])
            for label in texts['preferences_labels']:
                session.find(preferences, 'label', label)
            session.screenshot(f'{prefix}-preferences-{style}')
            session.keys('Escape')
            session.window_gone(texts['preferences'])

        if 'not_received' in texts:
            session.keys('ctrl+l')
            session.type_text('NZ-2026-999999')
            session.keys('Return')
            session.find(window, 'label', texts['not_received'])
            session.screenshot(f'{prefix}-paper-check-{style}')
        session.quit_with_ctrl_q()
    session.env.pop('ADW_DEBUG_COLOR_SCHEME', None)


def test(session):
    for language, texts in LANGUAGES.items():
        session.env['ECERT_CACHE'] = str(pathlib.Path(session.tmp) / f'empty-{language}.sqlite3')
        empty_window(session, language, texts, language.replace('_', '-'))

    session.env['ECERT_CACHE'] = str(fill_cache(session))
    # The desk trusts New Zealand's root, as the import did.
    session.trust_anchor('NZ', SOURCE / 'tests' / 'data' / 'pki' / 'nz-root.pem')
    for language, texts in LANGUAGES.items():
        full_window(session, language, texts, language.replace('_', '-'))


if __name__ == '__main__':
    ecertgui.run(test)
