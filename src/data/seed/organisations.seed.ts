import type { SeedOrganisation } from './seed.types.ts';

/**
 * Fictional organisations (names, people, emails and phone numbers are invented; phone numbers are
 * from Ofcom's drama ranges 01632 960xxx and 07700 900xxx). The venues they use are real.
 */
export const ORGANISATIONS: SeedOrganisation[] = [
  {
    key: 'yarmouth-heritage-trust', name: 'Yarmouth Heritage Trust', orgType: 'heritage_trust', status: 'approved',
    description: 'A small volunteer-run trust that opens up the Rows, the town wall and the old quayside of Great Yarmouth to local people.',
    email: 'yarmouth.heritage@example.org', phone: '01632 960101', website: 'https://yarmouth-heritage.example.org',
    contact: { name: 'Jo Barker', email: 'jo.barker@example.org', phone: '01632 960102' },
  },
  {
    key: 'frome-history-society', name: 'Frome History Society', orgType: 'club', status: 'approved',
    description: 'Members research and share the story of Frome’s wool and cloth trade, its chapels and its streets.',
    email: 'frome.history@example.org', phone: '01632 960201', website: 'https://frome-history.example.org',
    contact: { name: 'Sam Whitlock', email: 'sam.whitlock@example.org', phone: '01632 960202' },
  },
  {
    key: 'nottingham-museums-collective', name: 'Nottingham Museums Collective', orgType: 'local_museum', status: 'approved',
    description: 'A partnership of volunteers and museum staff running wellbeing sessions across Nottingham’s museums and historic sites.',
    email: 'museums.collective@example.org', phone: '01632 960301', website: 'https://nottingham-museums-collective.example.org',
    contact: { name: 'Ade Mensah', email: 'ade.mensah@example.org', phone: '01632 960302' },
  },
  {
    key: 'waveney-memory-cafes', name: 'Waveney Memory Café Network', orgType: 'vcfse', status: 'approved',
    description: 'Friendly reminiscence cafés for people living with memory loss and the people who care for them, across Waveney.',
    email: 'memory.cafes@example.org', phone: '01632 960401', website: null,
    contact: { name: 'Maggie Thorne', email: 'maggie.thorne@example.org', phone: '07700 900401' },
  },
  {
    key: 'east-coast-archaeology', name: 'East Coast Community Archaeology CIC', orgType: 'cic', status: 'approved',
    description: 'Community digs, finds washing and test pitting along the Norfolk and Suffolk coast. No experience needed.',
    email: 'digs@example.org', phone: '01632 960501', website: 'https://east-coast-digs.example.org',
    contact: { name: 'Dr Ruth Ellory', email: 'ruth.ellory@example.org', phone: '07700 900501' },
  },
  {
    key: 'friends-of-yarmouth-minster', name: 'Friends of Great Yarmouth Minster', orgType: 'place_of_worship', status: 'approved',
    description: 'Volunteers who welcome visitors, look after the Minster’s history and run quiet, open sessions for the community.',
    email: 'minster.friends@example.org', phone: '01632 960601', website: null,
    contact: { name: 'Revd Alan Pike', email: 'alan.pike@example.org', phone: '01632 960602' },
  },
  {
    key: 'elizabethan-house-friends', name: 'Elizabethan House Friends', orgType: 'historic_house', status: 'approved',
    description: 'Friends of the South Quay merchant houses, running handling and craft sessions in historic rooms.',
    email: 'elizabethan.friends@example.org', phone: '01632 960701', website: null,
    contact: { name: 'Hannah Cole', email: 'hannah.cole@example.org', phone: '01632 960702' },
  },
  {
    key: 'selwood-crafts-guild', name: 'Selwood Crafts Guild', orgType: 'club', status: 'approved',
    description: 'Makers in Frome keeping traditional skills alive: spinning, weaving, dyeing and letter cutting.',
    email: 'selwood.crafts@example.org', phone: '01632 960801', website: 'https://selwood-crafts.example.org',
    contact: { name: 'Bryony Hale', email: 'bryony.hale@example.org', phone: '07700 900801' },
  },
  {
    key: 'mendip-selwood-landscape-trust', name: 'Mendip and Selwood Landscape Trust', orgType: 'regional_trust', status: 'approved',
    description: 'Looks after historic parkland, hedges and monuments around Frome with practical volunteering days.',
    email: 'landscape.trust@example.org', phone: '01632 960901', website: 'https://mendip-selwood.example.org',
    contact: { name: 'Owen Prior', email: 'owen.prior@example.org', phone: '07700 900901' },
  },
  {
    key: 'lace-market-voices', name: 'Lace Market Voices CIC', orgType: 'cic', status: 'approved',
    description: 'Records and shares the memories of Nottingham’s lace, bicycle and tobacco workers, and the communities that came after.',
    email: 'voices@example.org', phone: '01632 960111', website: 'https://lace-market-voices.example.org',
    contact: { name: 'Farah Qureshi', email: 'farah.qureshi@example.org', phone: '07700 900111' },
  },
  {
    key: 'trent-heritage-transport', name: 'Trent Heritage Transport Society', orgType: 'club', status: 'approved',
    description: 'Enthusiasts who restore and run historic engines, buses and bicycles, and welcome newcomers to the workshop.',
    email: 'trent.transport@example.org', phone: '01632 960121', website: null,
    contact: { name: 'Gary Webb', email: 'gary.webb@example.org', phone: '07700 900121' },
  },
  {
    key: 'friends-of-nottinghamshire-archives', name: 'Friends of Nottinghamshire Archives', orgType: 'archive', status: 'approved',
    description: 'Volunteers who help people trace family and local history in the county’s records.',
    email: 'archives.friends@example.org', phone: '01632 960131', website: null,
    contact: { name: 'Irene Blake', email: 'irene.blake@example.org', phone: '01632 960132' },
  },
  {
    key: 'gorleston-heritage-singers', name: 'Gorleston Heritage Singers', orgType: 'club', status: 'pending',
    description: 'A new group singing the sea shanties and herring-fleet songs of Gorleston and Yarmouth.',
    email: 'gorleston.singers@example.org', phone: '07700 900141', website: null,
    contact: { name: 'Len Mayhew', email: 'len.mayhew@example.org', phone: '07700 900141' },
  },
];
